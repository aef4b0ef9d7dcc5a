import { ErrorCode, PASSWORD_MIN, ResetPasswordBodySchema } from '@turnout/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button, ButtonLink } from '../../../components/ui/button';
import { Field } from '../../../components/ui/field';
import { useFocusFirstInvalid } from '../../../components/ui/use-focus-first-invalid';
import { errorMessage, isApiError } from '../../../lib/api-client';
import { type FormErrors, fieldErrorsOr, formErrorsFromIssues, formErrorsFromServer } from '../../../lib/form-errors';
import { useResetPassword } from '../api/reset-password';
import styles from './auth-form.module.css';

/** A link that cannot reset anything: incomplete, expired or already used. */
function DeadLink({ incomplete }: { incomplete: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className={styles.card}>
      <h1 ref={heading} tabIndex={-1} className={styles.title}>
        {incomplete ? 'This link is incomplete' : 'This link has expired or was already used'}
      </h1>
      <p className={styles.lead}>
        {incomplete
          ? 'Open the link from the mail again, or copy it whole into the address bar.'
          : 'Each link works once, for a short time.'}
      </p>
      <div className={styles.done}>
        <ButtonLink to="/forgot-password" variant="primary" block>
          Ask for a new link
        </ButtonLink>
      </div>
    </div>
  );
}

/** Chooses a new password with the token of a reset link; every session of the account ends. */
export function ResetPasswordForm({ token, onReset }: { token: string | null; onReset: () => void }) {
  const reset = useResetPassword();
  const [errors, setErrors] = useState<FormErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);

  if (!token) return <DeadLink incomplete />;
  if (isApiError(reset.error) && reset.error.code === ErrorCode.invalidToken) return <DeadLink incomplete={false} />;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = ResetPasswordBodySchema.safeParse({ token, password: data.get('password') });
    if (!parsed.success) return setErrors(formErrorsFromIssues(parsed.error.issues));
    if (data.get('repeat') !== parsed.data.password) return setErrors({ repeat: 'The two passwords are not the same' });
    setErrors({});
    reset.mutate(parsed.data, {
      onSuccess: onReset,
      onError: (error) => {
        if (isApiError(error, 400) && error.code !== ErrorCode.invalidToken) {
          setErrors(fieldErrorsOr(formErrorsFromServer(error.fields), error.message));
        }
      },
    });
  }

  const formError = errors.form ?? (reset.error && !isApiError(reset.error, 400) ? errorMessage(reset.error) : undefined);
  return (
    <div className={styles.card}>
      <h1 className={styles.title}>Choose a new password</h1>
      <p className={styles.lead}>Every device signed in to your account will be signed out.</p>
      <form ref={formRef} className={styles.form} onSubmit={submit} noValidate>
        {formError && (
          <p role="alert" className={styles.formError}>
            {formError}
          </p>
        )}
        <Field label="New password" error={errors.password} hint={`At least ${PASSWORD_MIN} characters, not a common one.`}>
          {(props) => <input {...props} name="password" type="password" autoComplete="new-password" required />}
        </Field>
        <Field label="Repeat the new password" error={errors.repeat}>
          {(props) => <input {...props} name="repeat" type="password" autoComplete="new-password" required />}
        </Field>
        <Button type="submit" variant="primary" block busy={reset.isPending}>
          Set the new password
        </Button>
      </form>
      <p className={styles.switch}>
        <Link to="/login">Back to log in</Link>
      </p>
    </div>
  );
}
