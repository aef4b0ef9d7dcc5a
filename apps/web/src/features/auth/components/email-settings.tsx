import { ChangeEmailBodySchema, EMAIL_VERIFICATION_HOURS, ErrorCode } from '@turnout/contracts';
import { type FormEvent, useId, useRef, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Field } from '../../../components/ui/field';
import { Pill } from '../../../components/ui/pill';
import { useFocusFirstInvalid } from '../../../components/ui/use-focus-first-invalid';
import { errorMessage, isApiError } from '../../../lib/api-client';
import { type FormErrors, fieldErrorsOr, formErrorsFromIssues, formErrorsFromServer } from '../../../lib/form-errors';
import { useChangeEmail } from '../api/change-email';
import { useAccount } from '../api/get-account';
import styles from './settings.module.css';

/** The account's address: whether it is verified, a new verification link, a new address. */
export function EmailSettings() {
  const account = useAccount();
  const change = useChangeEmail();
  const resend = useChangeEmail();
  const [errors, setErrors] = useState<FormErrors>({});
  const [sentTo, setSentTo] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const headingId = useId();
  useFocusFirstInvalid(formRef, errors);
  const email = account.data?.email ?? null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const parsed = ChangeEmailBodySchema.safeParse({ email: new FormData(form).get('email') });
    if (!parsed.success) return setErrors(formErrorsFromIssues(parsed.error.issues));
    setErrors({});
    setSentTo(null);
    change.mutate(parsed.data, {
      onSuccess: () => {
        form.reset();
        setSentTo(parsed.data.email);
      },
      onError: (error) => {
        if (isApiError(error, 409) && error.code === ErrorCode.emailTaken) setErrors({ email: error.message });
        else if (isApiError(error, 400)) setErrors(fieldErrorsOr(formErrorsFromServer(error.fields), error.message));
        else setErrors({ form: errorMessage(error) });
      },
    });
  }

  function resendLink(address: string) {
    setSentTo(null);
    resend.mutate({ email: address }, { onSuccess: () => setSentTo(address) });
  }

  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        Email
      </h2>
      {account.isError && <p role="alert">{errorMessage(account.error)}</p>}
      {account.data &&
        (email ? (
          <p className={styles.address}>
            {email} {account.data.emailVerified ? <Pill tone="success">Verified</Pill> : <Pill tone="warning">Not verified</Pill>}
          </p>
        ) : (
          <p className={styles.muted}>No address yet. Add one so you can reset your password if you forget it.</p>
        ))}
      {email && account.data && !account.data.emailVerified && (
        <div className={styles.actions}>
          <p className={styles.muted}>Open the link we sent to confirm this address (it is valid {EMAIL_VERIFICATION_HOURS} hours).</p>
          <Button size="small" busy={resend.isPending} onClick={() => resendLink(email)}>
            Resend the link
          </Button>
        </div>
      )}
      <p role="status" className={`${styles.status} ${sentTo ? styles.success : ''}`}>
        {sentTo && `We sent a link to ${sentTo}. Open it to confirm the address.`}
      </p>
      {resend.error && (
        <p role="alert" className={styles.formError}>
          {errorMessage(resend.error)}
        </p>
      )}
      <form ref={formRef} className={styles.form} onSubmit={submit} noValidate>
        {errors.form && (
          <p role="alert" className={styles.formError}>
            {errors.form}
          </p>
        )}
        <Field label={email ? 'New email address' : 'Email address'} error={errors.email} hint="We send a link to confirm it.">
          {(props) => <input {...props} name="email" type="email" autoComplete="email" autoCapitalize="none" spellCheck={false} required />}
        </Field>
        <div className={styles.actions}>
          <Button type="submit" busy={change.isPending}>
            {email ? 'Change address' : 'Add address'}
          </Button>
        </div>
      </form>
    </section>
  );
}
