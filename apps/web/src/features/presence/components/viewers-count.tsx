import { formatCount } from '../../../lib/format-number';
import { usePresence } from '../hooks/use-presence';
import styles from './viewers-count.module.css';

/** "3 people viewing now", live. */
export function ViewersCount({ eventId }: { eventId: string }) {
  const viewers = usePresence(eventId);
  return (
    <p className={styles.viewers} aria-live="polite">
      {viewers !== undefined && viewers > 0 && (
        <>
          <span className={styles.dot} aria-hidden="true" />
          {viewers === 1 ? '1 person viewing now' : `${formatCount(viewers)} people viewing now`}
        </>
      )}
    </p>
  );
}
