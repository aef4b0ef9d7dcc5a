import { Button, buttonClass } from '../../components/ui/button';
import { CalendarIcon, LinkIcon } from '../../components/ui/icons';
import { copyText } from '../../lib/clipboard';
import { showToast } from '../../lib/toasts';
import styles from './event-page.module.css';

/** The .ics download and the public link (/e/:id) anyone can open without an account. */
export function ShareActions({ eventId }: { eventId: string }) {
  const publicUrl = new URL(`/e/${eventId}`, window.location.origin).toString();
  return (
    <div className={styles.row}>
      <a className={buttonClass({ size: 'small' })} href={`/api/events/${eventId}/calendar.ics`} download>
        <CalendarIcon /> Add to calendar
      </a>
      <Button
        size="small"
        onClick={async () => showToast({ title: (await copyText(publicUrl)) ? 'Link copied' : `Share this link: ${publicUrl}` })}
      >
        <LinkIcon /> Copy link
      </Button>
    </div>
  );
}
