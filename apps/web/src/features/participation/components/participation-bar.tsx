import type { EventView } from '@turnout/contracts';
import { freeSeats } from '@turnout/domain';
import { formatCount } from '../../../lib/format-number';
import styles from './participation-bar.module.css';
import { ParticipationButton } from './participation-button';

/** Where the viewer stands, in a few words: the bar has room for one line. */
export function seatStatus(event: EventView): string {
  const mine = event.myParticipation;
  if (mine?.status === 'joined') return 'You’re going';
  if (mine?.status === 'waitlisted')
    return mine.position ? `You’re #${formatCount(mine.position)} on the waitlist` : 'You’re on the waitlist';
  if (event.capacity === null) return 'No seat limit';
  const left = freeSeats(event);
  if (left === 0) return 'Full: the waitlist is open';
  return left === 1 ? '1 seat left' : `${formatCount(left)} seats left`;
}

/**
 * The event page's action kept at the bottom of a phone's screen while the panel's own button is
 * scrolled away (the panel shows it only then, so a keyboard meets one of the two). Wide screens
 * keep the panel itself in view beside the details, and never show the bar.
 */
export function ParticipationBar({ event }: { event: EventView }) {
  return (
    <div className={styles.bar}>
      <p className={styles.summary}>
        <span className={styles.title}>{event.title}</span>
        <span className={styles.seats}>{seatStatus(event)}</span>
      </p>
      <ParticipationButton event={event} />
    </div>
  );
}
