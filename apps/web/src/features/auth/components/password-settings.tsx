import { ChangePasswordBodySchema, ErrorCode, PASSWORD_MIN } from '@turnout/contracts';
import { type FormEvent, useId, useRef, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Field } from '../../../components/ui/field';
import { useFocusFirstInvalid } from '../../../components/ui/use-focus-first-invalid';
import { errorMessage, isApiError } from '../../../lib/api-client';
import { type FormErrors, fieldErrorsOr, formErrorsFromIssues, formErrorsFromServer } from '../../../lib/form-errors';
import { useChangePassword } from '../api/change-password';
import styles from './settings.module.css';

/** The server names the new password `password` in its refusals (the shared password rule). */
function fromServer(errors: FormErrors): FormErrors {
  const { password, ...rest } = errors;
  return password ? { ...rest, newPassword: password } : rest;
}

export function PasswordSettings() {
  const change = useChangePassword();
  const [errors, setErrors] = useState<FormErrors>({});
  const [changed, setChanged] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const headingId = useId();
  useFocusFirstInvalid(formRef, errors);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const parsed = ChangePasswordBodySchema.safeParse({
      currentPassword: data.get('currentPassword'),
      newPassword: data.get('newPassword'),
    });
    if (!parsed.success) return setErrors(formErrorsFromIssues(parsed.error.issues));
    setErrors({});
    setChanged(false);
    change.mutate(parsed.data, {
      onSuccess: () => {
        form.reset();
        setChanged(true);
      },
      onError: (error) => {
        if (isApiError(error, 403) && error.code === ErrorCode.wrongPassword)
          setErrors({ currentPassword: 'That is not your current password' });
        else if (isApiError(error, 400)) setErrors(fromServer(fieldErrorsOr(formErrorsFromServer(error.fields), error.message)));
        else setErrors({ form: errorMessage(error) });
      },
    });
  }

  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        Password
      </h2>
      <p role="status" className={`${styles.status} ${changed ? styles.success : ''}`}>
        {changed && 'Password changed. Your other sessions were signed out; this one stays signed in.'}
      </p>
      <form ref={formRef} className={styles.form} onSubmit={submit} noValidate>
        {errors.form && (
          <p role="alert" className={styles.formError}>
            {errors.form}
          </p>
        )}
        <Field label="Current password" error={errors.currentPassword}>
          {(props) => <input {...props} name="currentPassword" type="password" autoComplete="current-password" required />}
        </Field>
        <Field
          label="New password"
          error={errors.newPassword}
          hint={`At least ${PASSWORD_MIN} characters, not a common one. Your other sessions will be signed out.`}
        >
          {(props) => <input {...props} name="newPassword" type="password" autoComplete="new-password" required />}
        </Field>
        <div className={styles.actions}>
          <Button type="submit" busy={change.isPending}>
            Change password
          </Button>
        </div>
      </form>
    </section>
  );
}
