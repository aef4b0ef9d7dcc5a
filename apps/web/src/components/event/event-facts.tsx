import type { Event } from '@turnout/contracts';
import { formatDuration, formatRange } from '../../lib/format-date';
import { browserTimeZone } from '../../lib/zoned-time';
import { ClockIcon, PinIcon, UsersIcon } from '../ui/icons';
import styles from './event-facts.module.css';

type Facts = Pick<
  Event,
  'startsAt' | 'endsAt' | 'timezone' | 'durationMinutes' | 'location' | 'capacity' | 'joinedCount' | 'waitlistCount'
>;

export function countsText(event: Pick<Event, 'joinedCount' | 'capacity' | 'waitlistCount'>): string {
  const going = event.capacity === null ? `${event.joinedCount} going` : `${event.joinedCount} of ${event.capacity} going`;
  return event.waitlistCount > 0 ? `${going} · ${event.waitlistCount} on the waitlist` : going;
}

/** When (in the event's zone and the viewer's), where and how many: shared by the event and public pages. */
export function EventFacts({ event }: { event: Facts }) {
  const viewerZone = browserTimeZone();
  const inEventZone = formatRange(event.startsAt, event.endsAt, event.timezone);
  const inViewerZone = formatRange(event.startsAt, event.endsAt, viewerZone);
  return (
    <dl className={styles.facts}>
      <div className={styles.fact}>
        <dt>
          <span className={styles.icon} aria-hidden="true">
            <ClockIcon />
          </span>
          When
        </dt>
        <dd>
          <time dateTime={event.startsAt}>{inEventZone}</time>
          <span className={styles.secondary}>
            {event.timezone.replaceAll('_', ' ')} · {formatDuration(event.durationMinutes)}
          </span>
          {inViewerZone !== inEventZone && <span className={styles.secondary}>Your time: {inViewerZone}</span>}
        </dd>
      </div>
      <div className={styles.fact}>
        <dt>
          <span className={styles.icon} aria-hidden="true">
            <PinIcon />
          </span>
          Where
        </dt>
        <dd>{event.location}</dd>
      </div>
      <div className={styles.fact}>
        <dt>
          <span className={styles.icon} aria-hidden="true">
            <UsersIcon />
          </span>
          Going
        </dt>
        <dd aria-live="polite">
          {countsText(event)}
          {event.capacity === null && <span className={styles.secondary}>No seat limit</span>}
        </dd>
      </div>
    </dl>
  );
}
