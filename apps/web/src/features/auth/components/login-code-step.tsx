import { TOTP_DIGITS, TotpInputSchema } from '@turnout/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Field } from '../../../components/ui/field';
import { useFocusFirstInvalid } from '../../../components/ui/use-focus-first-invalid';
import type { FormErrors } from '../../../lib/form-errors';
import styles from './auth-form.module.css';

export type Credentials = { name: string; password: string };

type CodeStepProps = {
  credentials: Credentials;
  busy: boolean;
  errors: FormErrors;
  formError: string | null;
  onInvalid: (errors: FormErrors) => void;
  onSubmit: (totp: string) => void;
  onBack: () => void;
};

/** The second step: the name and password are kept; only the code is asked for. */
export function LoginCodeStep({ credentials, busy, errors, formError, onInvalid, onSubmit, onBack }: CodeStepProps) {
  const [recovery, setRecovery] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);
  // A new step: the screen reader starts reading from its heading.
  useEffect(() => heading.current?.focus(), []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = TotpInputSchema.safeParse(new FormData(event.currentTarget).get('totp'));
    if (!parsed.success) return onInvalid({ totp: parsed.error.issues[0]?.message ?? 'Enter the code' });
    onSubmit(parsed.data);
  }

  return (
    <div className={styles.card}>
      <h1 ref={heading} tabIndex={-1} className={styles.title}>
        Two-factor sign-in
      </h1>
      <p className={styles.lead}>
        Logging in as <strong>{credentials.name}</strong>.
      </p>
      <form ref={formRef} className={styles.form} onSubmit={submit} noValidate>
        {formError && (
          <p role="alert" className={styles.formError}>
            {formError}
          </p>
        )}
        {recovery ? (
          <Field
            key="recovery"
            label="Recovery code"
            error={errors.totp}
            hint="One of the codes you saved when you turned two-factor sign-in on. Each works once."
          >
            {(props) => <input {...props} name="totp" autoComplete="off" autoCapitalize="none" spellCheck={false} required />}
          </Field>
        ) : (
          <Field
            key="code"
            label="Authentication code"
            error={errors.totp}
            hint={`The ${TOTP_DIGITS}-digit code your authenticator app shows.`}
          >
            {(props) => <input {...props} name="totp" autoComplete="one-time-code" inputMode="numeric" spellCheck={false} required />}
          </Field>
        )}
        <Button type="submit" variant="primary" block busy={busy}>
          Verify and log in
        </Button>
      </form>
      <p className={styles.switch}>
        {recovery ? 'Have your authenticator app? ' : 'No access to your authenticator app? '}
        <button type="button" className="link-button" onClick={() => setRecovery(!recovery)}>
          {recovery ? 'Use an authentication code' : 'Use a recovery code'}
        </button>
      </p>
      <p className={styles.switchTight}>
        <button type="button" className="link-button" onClick={onBack}>
          Log in as someone else
        </button>
      </p>
    </div>
  );
}
