import { Skeleton } from '../../components/ui/skeleton';
import styles from './shell.module.css';

/** Shown while the first page loads. */
export function BootScreen() {
  return (
    <div className={styles.boot} aria-busy="true">
      <p className="visually-hidden">Loading…</p>
      <Skeleton width="40%" height="2rem" />
      <Skeleton height="6rem" />
      <Skeleton height="6rem" />
    </div>
  );
}
