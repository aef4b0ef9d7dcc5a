import type { ReactNode } from 'react';
import styles from './pill.module.css';

export type PillTone = 'success' | 'warning' | 'neutral' | 'accent';

export function Pill({ tone = 'neutral', children }: { tone?: PillTone; children: ReactNode }) {
  return <span className={`${styles.pill} ${styles[tone]}`}>{children}</span>;
}
