import type { EventView } from '@turnout/contracts';
import { hasEnded, seatFor } from '@turnout/domain';
import { Button } from '../../../components/ui/button';
import { useParticipation } from '../hooks/use-participation';
import styles from './participation-actions.module.css';
import { ParticipationStatus } from './participation-status';

/** A joiner's status pill and Join / Join waitlist / Leave button for one event. */
export function ParticipationActions({ event, size = 'medium' }: { event: EventView; size?: 'medium' | 'small' }) {
  const { busy, join, leave } = useParticipation(event);
  const ended = hasEnded(event);

  let button = null;
  if (event.myParticipation) {
    button = ended ? null : (
      <Button size={size} onClick={leave} busy={busy}>
        Leave
      </Button>
    );
  } else if (!ended) {
    button = (
      <Button size={size} variant="primary" onClick={join} busy={busy}>
        {seatFor(event) === 'waitlisted' ? 'Join waitlist' : 'Join'}
      </Button>
    );
  }
  return (
    <div className={styles.actions}>
      <ParticipationStatus event={event} />
      {button}
    </div>
  );
}
