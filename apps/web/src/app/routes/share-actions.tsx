import type { EventView } from '@turnout/contracts';
import { CalendarLinks } from '../../components/event/calendar-links';
import { Button } from '../../components/ui/button';
import { LinkIcon } from '../../components/ui/icons';
import { publicEventUrl } from '../../lib/calendar-links';
import { copyText } from '../../lib/clipboard';
import { showToast } from '../../lib/toasts';
import styles from './event-page.module.css';

/** Adding the event to a calendar (.ics, Google, Outlook), and the public link (/e/:id) anyone can open without an account. */
export function ShareActions({ event }: { event: EventView }) {
  const publicUrl = publicEventUrl(event.id);
  return (
    <div className={styles.share}>
      <CalendarLinks event={event} icsHref={`/api/events/${event.id}/calendar.ics`} />
      <div className={styles.row}>
        <Button
          size="small"
          onClick={async () => showToast({ title: (await copyText(publicUrl)) ? 'Link copied' : `Share this link: ${publicUrl}` })}
        >
          <LinkIcon /> Copy link
        </Button>
      </div>
    </div>
  );
}
