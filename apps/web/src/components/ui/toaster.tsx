import { useSyncExternalStore } from 'react';
import { dismissToast, subscribeToToasts, type Toast, toastsNow } from '../../lib/toasts';
import { Button } from './button';
import { CloseIcon } from './icons';
import styles from './toaster.module.css';

/** The toast region: a persistent status (polite live) region; an error toast is an alert of its own. */
export function Toaster() {
  const current: readonly Toast[] = useSyncExternalStore(subscribeToToasts, toastsNow, toastsNow);
  return (
    <div className={styles.region} role="status" aria-relevant="additions text">
      {current.map((toast) => {
        const body = toast.body?.trim();
        return (
          <div
            key={toast.id}
            data-toast=""
            role={toast.tone === 'error' ? 'alert' : undefined}
            // Without a description the title is centred on the dismiss button, not left above an empty line.
            className={[styles.toast, toast.tone === 'error' ? styles.error : '', body ? '' : styles.titleOnly].filter(Boolean).join(' ')}
          >
            <div className={styles.text}>
              <p className={styles.title}>{toast.title}</p>
              {body && <p className={styles.body}>{body}</p>}
            </div>
            <Button variant="ghost" size="icon" aria-label="Dismiss" onClick={() => dismissToast(toast.id)}>
              <CloseIcon />
            </Button>
          </div>
        );
      })}
    </div>
  );
}
