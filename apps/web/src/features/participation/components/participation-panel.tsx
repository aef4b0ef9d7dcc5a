import type { EventView } from '@turnout/contracts';
import { freeSeats, hasEnded } from '@turnout/domain';
import { formatCount } from '../../../lib/format-number';
import { useOnScreen } from '../../../lib/use-on-screen';
import { ParticipationBar } from './participation-bar';
import { ParticipationButton } from './participation-button';
import styles from './participation-panel.module.css';
import { ParticipationStatus } from './participation-status';

function message(event: EventView): string {
  const mine = event.myParticipation;
  if (hasEnded(event)) return 'This event has ended.';
  if (mine?.status === 'joined') return 'You’re going. See you there!';
  if (mine?.status === 'waitlisted') {
    const place = mine.position ? `You’re #${formatCount(mine.position)} on the waitlist.` : 'You’re on the waitlist.';
    return `${place} You get a seat automatically when one frees up.`;
  }
  if (event.capacity === null) return 'Open to everyone: no seat limit.';
  const left = freeSeats(event);
  if (left === 0) return 'It’s full. Join the waitlist to get the next free seat.';
  return left === 1 ? 'Only 1 seat left.' : `${formatCount(left)} seats left.`;
}

/** The sticky header's height (shell.module.css): a button under it is not on screen. */
const HEADER_PX = 60;

/**
 * The event page's place to join: where the viewer stands, in words, and one clear button. While
 * that button is scrolled out of sight (a long description on a phone), a bar at the bottom of
 * the screen offers the same action.
 */
export function ParticipationPanel({ event }: { event: EventView }) {
  const ended = hasEnded(event);
  const [actionRef, actionOnScreen] = useOnScreen<HTMLDivElement>(HEADER_PX);
  return (
    <section className={styles.panel} aria-labelledby="participation-heading">
      <div className={styles.head}>
        <h2 id="participation-heading" className={styles.heading}>
          Your spot
        </h2>
        <ParticipationStatus event={event} />
      </div>
      <p className={styles.message} aria-live="polite">
        {message(event)}
      </p>
      {!ended && (
        <div ref={actionRef}>
          <ParticipationButton event={event} block />
        </div>
      )}
      {!ended && !actionOnScreen && <ParticipationBar event={event} />}
    </section>
  );
}
