import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Field } from '../../../components/ui/field';
import { CalendarIcon } from '../../../components/ui/icons';
import { Skeleton } from '../../../components/ui/skeleton';
import { errorMessage } from '../../../lib/api-client';
import { copyText } from '../../../lib/clipboard';
import { showToast } from '../../../lib/toasts';
import { useCalendarToken, useRotateCalendarToken } from '../api/calendar-token';
import styles from './calendar-feed-panel.module.css';

/** The personal calendar feed: a secret link a calendar app subscribes to; it can be replaced. */
export function CalendarFeedPanel() {
  const [open, setOpen] = useState(false);
  const token = useCalendarToken(open);
  const rotate = useRotateCalendarToken();
  const url = token.data ? new URL(token.data.feedPath, window.location.origin).toString() : '';

  return (
    <details className={styles.panel} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className={styles.summary}>
        <CalendarIcon /> Calendar feed
      </summary>
      <div className={styles.body}>
        <p className={styles.muted}>
          Subscribe to this link in Google Calendar, Apple Calendar or Outlook to see the events you joined or organize. Keep it private.
        </p>
        {token.isPending && open && <Skeleton height="2.75rem" />}
        {token.isError && <p role="alert">{errorMessage(token.error)}</p>}
        {token.data && (
          <>
            <Field label="Feed link">
              {(props) => (
                <input
                  {...props}
                  className={`${props.className} ${styles.url}`}
                  value={url}
                  readOnly
                  onFocus={(e) => e.currentTarget.select()}
                />
              )}
            </Field>
            <div className={styles.actions}>
              <Button
                size="small"
                variant="primary"
                onClick={async () => showToast({ title: (await copyText(url)) ? 'Feed link copied' : 'Copy the link from the field' })}
              >
                Copy feed link
              </Button>
              <Button
                size="small"
                variant="ghost"
                busy={rotate.isPending}
                onClick={() =>
                  rotate.mutate(undefined, {
                    onSuccess: () => showToast({ title: 'New feed link', body: 'The old link no longer works.' }),
                    onError: (error) => showToast({ tone: 'error', title: 'Could not replace the link', body: errorMessage(error) }),
                  })
                }
              >
                Replace link
              </Button>
            </div>
          </>
        )}
      </div>
    </details>
  );
}
