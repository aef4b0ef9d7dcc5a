import { ErrorCode } from '@turnout/contracts';
import { useEffect, useRef } from 'react';
import { ButtonLink } from '../../../components/ui/button';
import { Skeleton } from '../../../components/ui/skeleton';
import { errorMessage, isApiError } from '../../../lib/api-client';
import { useVerifyEmail } from '../api/verify-email';
import styles from './auth-form.module.css';

/**
 * Confirms an address with its link's token as soon as the page opens, signed in or not. The
 * token is sent once: a second try of a single-use token would only fail.
 */
export function VerifyEmailStatus({ token, signedIn }: { token: string | null; signedIn: boolean }) {
  const verify = useVerifyEmail();
  const sent = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const { mutate } = verify;
  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true;
    mutate({ token });
  }, [token, mutate]);
  const settled = !token || verify.isSuccess || verify.isError;
  useEffect(() => {
    if (settled) heading.current?.focus();
  }, [settled]);

  const next = signedIn ? (
    <ButtonLink to="/settings" variant="primary" block>
      Go to your settings
    </ButtonLink>
  ) : (
    <ButtonLink to="/login" variant="primary" block>
      Log in
    </ButtonLink>
  );

  if (!settled) {
    return (
      <div className={styles.card} aria-busy="true">
        <h1 className={styles.title}>Confirming your address…</h1>
        <div className={styles.done}>
          <Skeleton height="2.75rem" />
        </div>
      </div>
    );
  }
  if (verify.isSuccess) {
    return (
      <div className={styles.card}>
        <h1 ref={heading} tabIndex={-1} className={styles.title}>
          Your address is confirmed
        </h1>
        <p role="status" className={styles.notice}>
          Thank you. Password resets and account notices go to this address from now on.
        </p>
        <div className={styles.done}>{next}</div>
      </div>
    );
  }
  const dead = !token || (isApiError(verify.error, 400) && verify.error.code === ErrorCode.invalidToken);
  return (
    <div className={styles.card}>
      <h1 ref={heading} tabIndex={-1} className={styles.title}>
        {!token ? 'This link is incomplete' : dead ? 'This link has expired or was already used' : 'Your address could not be confirmed'}
      </h1>
      <p role="alert" className={styles.formError}>
        {dead ? 'Ask for a new link in your settings: “Resend the link” sends one to your address.' : errorMessage(verify.error)}
      </p>
      <div className={styles.done}>{next}</div>
    </div>
  );
}
