import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/button';
import { CloseIcon } from '../../../components/ui/icons';
import { errorMessage } from '../../../lib/api-client';
import { useChangeEmail } from '../api/change-email';
import { useAccount } from '../api/get-account';
import styles from './email-banner.module.css';

const DISMISSED = 'turnout:email-banner-dismissed';

function dismissedThisVisit(): boolean {
  try {
    return sessionStorage.getItem(DISMISSED) === '1';
  } catch {
    return false;
  }
}

/**
 * Asks an account without an address to add one, and one with an unverified address to confirm
 * it. Dismissed, it stays away for the rest of the visit (the tab's session storage).
 */
export function EmailBanner() {
  const account = useAccount();
  const resend = useChangeEmail();
  const [dismissed, setDismissed] = useState(dismissedThisVisit);
  const [resent, setResent] = useState(false);
  const data = account.data;
  if (!data || dismissed || (data.email && data.emailVerified)) return null;

  function dismiss() {
    try {
      sessionStorage.setItem(DISMISSED, '1');
    } catch {
      // Storage refused (private mode): dismissed until the page reloads.
    }
    setDismissed(true);
  }

  const email = data.email;
  return (
    <section className={styles.banner} aria-label="Your email address">
      <div className={styles.text}>
        {email ? (
          <>
            <p>
              Confirm your email: we sent a link to <strong>{email}</strong>.
            </p>
            <p role="status" className={styles.status}>
              {resent && 'A new link is on its way.'}
            </p>
            {resend.error && <p role="alert">{errorMessage(resend.error)}</p>}
          </>
        ) : (
          <p>
            <Link to="/settings">Add an email address so you can reset your password</Link>
          </p>
        )}
      </div>
      {email && (
        <Button
          size="small"
          busy={resend.isPending}
          onClick={() => {
            setResent(false);
            resend.mutate({ email }, { onSuccess: () => setResent(true) });
          }}
        >
          Resend the link
        </Button>
      )}
      <Button size="icon" variant="ghost" aria-label="Dismiss" onClick={dismiss}>
        <CloseIcon />
      </Button>
    </section>
  );
}
