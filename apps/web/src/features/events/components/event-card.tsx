import type { EventView } from '@turnout/contracts';
import { describePlace } from '@turnout/domain';
import { type ReactNode, useId } from 'react';
import { Link } from 'react-router';
import { EventCover } from '../../../components/event/event-cover';
import { countsText } from '../../../components/event/event-facts';
import { ClockIcon, PinIcon, UsersIcon } from '../../../components/ui/icons';
import { dateBlock, formatShort, zoneAbbreviation } from '../../../lib/format-date';
import { browserTimeZone } from '../../../lib/zoned-time';
import styles from './event-card.module.css';

/** One event in a list: a date block, the title linking to its page, when, where, counts, its cover small, and actions. */
export function EventCard({ event, actions }: { event: EventView; actions?: ReactNode }) {
  const titleId = useId();
  const zone = browserTimeZone();
  const { month, day } = dateBlock(event.startsAt, zone);
  return (
    <article className={`${styles.card} ${event.cover ? styles.withCover : ''}`} aria-labelledby={titleId}>
      <div className={styles.date} aria-hidden="true">
        <span className={styles.month}>{month}</span>
        <span className={styles.day}>{day}</span>
      </div>
      <div className={styles.body}>
        <h2 className={styles.title} id={titleId}>
          <Link to={`/events/${event.id}`}>{event.title}</Link>
        </h2>
        <p className={styles.meta}>
          <ClockIcon />
          <time dateTime={event.startsAt}>
            {formatShort(event.startsAt, zone)} {zoneAbbreviation(event.startsAt, zone)}
          </time>
        </p>
        <p className={styles.meta}>
          <PinIcon />
          <span className={styles.truncate}>{describePlace(event)}</span>
        </p>
        <p className={styles.meta}>
          <UsersIcon />
          <span>{countsText(event)}</span>
        </p>
      </div>
      {event.cover && <EventCover cover={event.cover} size="thumb" className={styles.cover} />}
      {actions && <div className={styles.actions}>{actions}</div>}
    </article>
  );
}
