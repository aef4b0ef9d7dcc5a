import type { CSSProperties } from 'react';
import styles from './skeleton.module.css';

/** A placeholder block while content loads; hidden from assistive technology (the container says "Loading"). */
export function Skeleton({ width = '100%', height = '1rem', style }: { width?: string; height?: string; style?: CSSProperties }) {
  return <span aria-hidden="true" className={styles.skeleton} style={{ width, height, ...style }} />;
}
