import { ForgotPasswordBodySchema, PASSWORD_RESET_MINUTES } from '@turnout/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/button';
import { Field } from '../../../components/ui/field';
import { useFocusFirstInvalid } from '../../../components/ui/use-focus-first-invalid';
import { errorMessage } from '../../../lib/api-client';
import { type FormErrors, formErrorsFromIssues } from '../../../lib/form-errors';
import { useForgotPassword } from '../api/forgot-password';
import styles from './auth-form.module.css';

/** Asks for a reset link. The answer is the same whether or not the address has an account. */
export function ForgotPasswordForm() {
  const forgot = useForgotPassword();
  const [errors, setErrors] = useState<FormErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const sentRef = useRef<HTMLHeadingElement>(null);
  useFocusFirstInvalid(formRef, errors);
  useEffect(() => {
    if (forgot.isSuccess) sentRef.current?.focus();
  }, [forgot.isSuccess]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = ForgotPasswordBodySchema.safeParse({ email: new FormData(event.currentTarget).get('email') });
    if (!parsed.success) return setErrors(formErrorsFromIssues(parsed.error.issues));
    setErrors({});
    forgot.mutate(parsed.data);
  }

  if (forgot.isSuccess) {
    return (
      <div className={styles.card}>
        <h1 ref={sentRef} tabIndex={-1} className={styles.title}>
          Check your inbox
        </h1>
        <p role="status" className={styles.notice}>
          If an account has this address, a link is on its way (valid {PASSWORD_RESET_MINUTES} minutes).
        </p>
        <p className={styles.lead}>Nothing after a few minutes? Look in the spam folder, or ask again with the address you registered.</p>
        <p className={styles.switch}>
          <button type="button" className="link-button" onClick={() => forgot.reset()}>
            Ask again
          </button>
          {' · '}
          <Link to="/login">Back to log in</Link>
        </p>
      </div>
    );
  }

  return (
    <div className={styles.card}>
      <h1 className={styles.title}>Reset your password</h1>
      <p className={styles.lead}>Enter your account’s email address and we will send you a link to choose a new password.</p>
      <form ref={formRef} className={styles.form} onSubmit={submit} noValidate>
        {forgot.error && (
          <p role="alert" className={styles.formError}>
            {errorMessage(forgot.error)}
          </p>
        )}
        <Field label="Email" error={errors.email}>
          {(props) => <input {...props} name="email" type="email" autoComplete="email" autoCapitalize="none" spellCheck={false} required />}
        </Field>
        <Button type="submit" variant="primary" block busy={forgot.isPending}>
          Send the link
        </Button>
      </form>
      <p className={styles.switch}>
        Remembered it? <Link to="/login">Log in</Link>
      </p>
    </div>
  );
}
