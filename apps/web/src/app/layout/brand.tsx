import { Link } from 'react-router';
import styles from './shell.module.css';

export function Brand() {
  return (
    <Link to="/" className={styles.brand}>
      <span className={styles.logo} aria-hidden="true">
        T
      </span>
      <span className={styles.brandName}>Turnout</span>
    </Link>
  );
}
