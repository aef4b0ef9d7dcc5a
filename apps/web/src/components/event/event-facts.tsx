import type { Event } from '@turnout/contracts';
import { formatDuration, formatRange } from '../../lib/format-date';
import { formatCount } from '../../lib/format-number';
import { canonicalTimeZone, zoneName } from '../../lib/time-zones';
import { browserTimeZone } from '../../lib/zoned-time';
import { ClockIcon, PinIcon, UsersIcon } from '../ui/icons';
import styles from './event-facts.module.css';
import { EventPlace, type OnlineAccess } from './event-place';

type Facts = Pick<
  Event,
  'startsAt' | 'endsAt' | 'timezone' | 'durationMinutes' | 'locationType' | 'location' | 'capacity' | 'joinedCount' | 'waitlistCount'
>;

export function countsText(event: Pick<Event, 'joinedCount' | 'capacity' | 'waitlistCount'>): string {
  const joined = formatCount(event.joinedCount);
  const going = event.capacity === null ? `${joined} going` : `${joined} of ${formatCount(event.capacity)} going`;
  return event.waitlistCount > 0 ? `${going} · ${formatCount(event.waitlistCount)} on the waitlist` : going;
}

/**
 * When (in the event's zone and the viewer's), where and how many: shared by the event and public
 * pages. `online` is what the viewer may know of the join link; the public page passes none.
 */
export function EventFacts({ event, online }: { event: Facts; online?: OnlineAccess | undefined }) {
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
            {zoneName(canonicalTimeZone(event.timezone))} · {formatDuration(event.durationMinutes)}
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
        <dd>
          <EventPlace event={event} online={online} />
        </dd>
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
