import { useSyncExternalStore } from 'react';
import { Button } from './button';
import { CloseIcon } from './icons';
import styles from './toaster.module.css';

export type Toast = { id: number; title: string; body?: string | undefined; tone?: 'info' | 'error' };

const VISIBLE_MS = 6000;
const MAX_TOASTS = 4;
let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

export function dismissToast(id: number): void {
  toasts = toasts.filter((t) => t.id !== id);
  notify();
}

/** Shows a short message in the page's live region; it leaves by itself after a few seconds. */
export function showToast(toast: Omit<Toast, 'id'>): number {
  const id = nextId++;
  toasts = [...toasts, { ...toast, id }].slice(-MAX_TOASTS);
  notify();
  setTimeout(() => dismissToast(id), VISIBLE_MS);
  return id;
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The toast region: a persistent status (polite live) region; an error toast is an alert of its own. */
export function Toaster() {
  const current = useSyncExternalStore(
    subscribe,
    () => toasts,
    () => toasts,
  );
  return (
    <div className={styles.region} role="status" aria-relevant="additions text">
      {current.map((toast) => (
        <div
          key={toast.id}
          role={toast.tone === 'error' ? 'alert' : undefined}
          className={`${styles.toast} ${toast.tone === 'error' ? styles.error : ''}`}
        >
          <div className={styles.text}>
            <p className={styles.title}>{toast.title}</p>
            {toast.body && <p className={styles.body}>{toast.body}</p>}
          </div>
          <Button variant="ghost" size="icon" aria-label="Dismiss" onClick={() => dismissToast(toast.id)}>
            <CloseIcon />
          </Button>
        </div>
      ))}
    </div>
  );
}
