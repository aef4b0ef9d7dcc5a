import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/button';
import { errorMessage, isApiError } from '../../../lib/api-client';
import { useUnsubscribe } from '../api/unsubscribe';
import { MAIL_TOPIC_NAMES } from '../lib/mail-topics';
import styles from './unsubscribe.module.css';

/**
 * The page a mail's unsubscribe link opens. Nothing happens on opening it (mail scanners follow
 * links); the button sends the token. Which kind of mail it stops comes from the server's answer.
 */
export function UnsubscribeConfirm({ token }: { token: string | null }) {
  const unsubscribe = useUnsubscribe();
  const heading = useRef<HTMLHeadingElement>(null);
  const settled = unsubscribe.isSuccess || unsubscribe.isError;
  useEffect(() => {
    if (settled) heading.current?.focus();
  }, [settled]);

  if (unsubscribe.isSuccess) {
    return (
      <div className={styles.card}>
        <h1 ref={heading} tabIndex={-1} className={styles.title}>
          You are unsubscribed
        </h1>
        <p role="status" className={styles.notice}>
          {`You will no longer get ${MAIL_TOPIC_NAMES[unsubscribe.data.topic]} mails. `}
          You can turn them back on in <Link to="/settings">Settings</Link>.
        </p>
      </div>
    );
  }
  const invalid = !token || isApiError(unsubscribe.error, 404);
  if (invalid || unsubscribe.isError) {
    return (
      <div className={styles.card}>
        <h1 ref={heading} tabIndex={-1} className={styles.title}>
          {invalid ? 'This unsubscribe link is not valid.' : 'Could not unsubscribe'}
        </h1>
        <p role="alert" className={styles.error}>
          {invalid ? 'Open the link from the most recent mail, or choose which mail you get in Settings.' : errorMessage(unsubscribe.error)}
        </p>
        <div className={styles.actions}>
          {invalid ? (
            <Link to="/settings">Go to Settings</Link>
          ) : (
            <Button variant="primary" onClick={() => unsubscribe.mutate(token)}>
              Try again
            </Button>
          )}
        </div>
      </div>
    );
  }
  return (
    <div className={styles.card}>
      <h1 className={styles.title}>Unsubscribe from these mails?</h1>
      <p className={styles.lead}>Turnout stops sending you this kind of mail. Other mails are not affected.</p>
      <div className={styles.actions}>
        <Button variant="primary" block busy={unsubscribe.isPending} onClick={() => unsubscribe.mutate(token)}>
          Unsubscribe
        </Button>
      </div>
    </div>
  );
}
