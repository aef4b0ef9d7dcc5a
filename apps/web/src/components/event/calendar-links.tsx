import { type CalendarEvent, googleCalendarUrl, outlookCalendarUrl, publicEventUrl } from '../../lib/calendar-links';
import { buttonClass } from '../ui/button';
import { CalendarIcon } from '../ui/icons';
import styles from './calendar-links.module.css';

type CalendarLinksProps = {
  event: CalendarEvent;
  /** The event's .ics download: the public one on the shared page, the viewer's own on the event page. */
  icsHref?: string | undefined;
};

/**
 * "Add to calendar": the .ics file and the Google Calendar and Outlook.com forms, filled from what
 * the public page shows. The links point back to /e/:id and never carry the online join link.
 */
export function CalendarLinks({ event, icsHref }: CalendarLinksProps) {
  const page = publicEventUrl(event.id);
  const external = { target: '_blank', rel: 'noopener noreferrer' } as const;
  return (
    <div className={styles.group}>
      <span className={styles.label}>
        <CalendarIcon /> Add to calendar
      </span>
      <div className={styles.links}>
        {icsHref && (
          <a className={buttonClass({ size: 'small' })} href={icsHref} download aria-label="Download .ics file">
            .ics file
          </a>
        )}
        <a
          className={buttonClass({ size: 'small' })}
          href={googleCalendarUrl(event, page)}
          aria-label="Add to Google Calendar"
          {...external}
        >
          Google Calendar
        </a>
        <a className={buttonClass({ size: 'small' })} href={outlookCalendarUrl(event, page)} aria-label="Add to Outlook" {...external}>
          Outlook
        </a>
      </div>
    </div>
  );
}
