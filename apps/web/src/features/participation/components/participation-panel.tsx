import type { EventView } from '@turnout/contracts';
import { freeSeats, hasEnded, seatFor } from '@turnout/domain';
import { Button } from '../../../components/ui/button';
import { useParticipation } from '../hooks/use-participation';
import styles from './participation-panel.module.css';
import { ParticipationStatus } from './participation-status';

function message(event: EventView): string {
  const mine = event.myParticipation;
  if (hasEnded(event)) return 'This event has ended.';
  if (mine?.status === 'joined') return 'You’re going. See you there!';
  if (mine?.status === 'waitlisted') {
    const place = mine.position ? `You’re #${mine.position} on the waitlist.` : 'You’re on the waitlist.';
    return `${place} You get a seat automatically when one frees up.`;
  }
  if (event.capacity === null) return 'Open to everyone: no seat limit.';
  const left = freeSeats(event);
  if (left === 0) return 'It’s full. Join the waitlist to get the next free seat.';
  return left === 1 ? 'Only 1 seat left.' : `${left} seats left.`;
}

/** The event page's place to join: where the viewer stands, in words, and one clear button. */
export function ParticipationPanel({ event }: { event: EventView }) {
  const { busy, join, leave } = useParticipation(event);
  const ended = hasEnded(event);
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
      {!ended &&
        (event.myParticipation ? (
          <Button block onClick={leave} busy={busy}>
            Leave
          </Button>
        ) : (
          <Button block variant="primary" onClick={join} busy={busy}>
            {seatFor(event) === 'waitlisted' ? 'Join waitlist' : 'Join'}
          </Button>
        ))}
    </section>
  );
}
