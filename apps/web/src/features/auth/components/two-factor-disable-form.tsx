import { ErrorCode, TotpDisableBodySchema } from '@turnout/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Field } from '../../../components/ui/field';
import { useFocusFirstInvalid } from '../../../components/ui/use-focus-first-invalid';
import { errorMessage, isApiError } from '../../../lib/api-client';
import { type FormErrors, formErrorsFromIssues } from '../../../lib/form-errors';
import { useDisableTotp } from '../api/disable-totp';
import styles from './settings.module.css';

/** Turning two-factor sign-in off, confirmed with the password. */
export function TwoFactorDisableForm({ onDisabled, onCancel }: { onDisabled: () => void; onCancel: () => void }) {
  const disable = useDisableTotp();
  const [errors, setErrors] = useState<FormErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  useFocusFirstInvalid(formRef, errors);
  useEffect(() => passwordRef.current?.focus(), []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = TotpDisableBodySchema.safeParse({ password: new FormData(event.currentTarget).get('password') });
    if (!parsed.success) return setErrors(formErrorsFromIssues(parsed.error.issues));
    setErrors({});
    disable.mutate(parsed.data, {
      onSuccess: onDisabled,
      onError: (error) =>
        setErrors(
          isApiError(error, 403) && error.code === ErrorCode.wrongPassword
            ? { password: 'That is not your password' }
            : { form: errorMessage(error) },
        ),
    });
  }

  return (
    <form ref={formRef} className={styles.form} onSubmit={submit} noValidate>
      {errors.form && (
        <p role="alert" className={styles.formError}>
          {errors.form}
        </p>
      )}
      <Field label="Your password" error={errors.password} hint="To turn two-factor sign-in off, confirm it is you.">
        {(props) => <input {...props} name="password" type="password" autoComplete="current-password" ref={passwordRef} required />}
      </Field>
      <div className={styles.actions}>
        <Button type="submit" variant="danger" busy={disable.isPending}>
          Turn off two-factor sign-in
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
