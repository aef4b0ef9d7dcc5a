import type { EventView } from '@turnout/contracts';
import { hasEnded } from '@turnout/domain';
import styles from './participation-actions.module.css';
import { ParticipationButton } from './participation-button';
import { ParticipationStatus } from './participation-status';

/** A joiner's status pill and Join / Join waitlist / Leave (waitlist) button for one event. */
export function ParticipationActions({ event, size = 'medium' }: { event: EventView; size?: 'medium' | 'small' }) {
  return (
    <div className={styles.actions}>
      <ParticipationStatus event={event} />
      {!hasEnded(event) && <ParticipationButton event={event} size={size} />}
    </div>
  );
}
