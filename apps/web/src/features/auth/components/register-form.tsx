import { ErrorCode, PASSWORD_MIN, RegisterBodySchema, USER_NAME_MAX, USER_NAME_MIN, type User } from '@turnout/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/button';
import { Field } from '../../../components/ui/field';
import { useFocusFirstInvalid } from '../../../components/ui/use-focus-first-invalid';
import { errorMessage, isApiError } from '../../../lib/api-client';
import { type FormErrors, fieldErrorsOr, formErrorsFromIssues, formErrorsFromServer } from '../../../lib/form-errors';
import { useRegister } from '../api/register';
import styles from './auth-form.module.css';

const ROLES = [
  { value: 'organizer', label: 'Organizer', hint: 'Publish and run events' },
  { value: 'joiner', label: 'Joiner', hint: 'Find and join events' },
] as const;

export function RegisterForm({ onRegistered, loginHref }: { onRegistered: (user: User) => void; loginHref: string }) {
  const register = useRegister();
  const [errors, setErrors] = useState<FormErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = RegisterBodySchema.safeParse({
      name: data.get('name'),
      email: data.get('email'),
      password: data.get('password'),
      role: data.get('role'),
    });
    if (!parsed.success) return setErrors(formErrorsFromIssues(parsed.error.issues));
    setErrors({});
    register.mutate(parsed.data, {
      onSuccess: ({ user }) => onRegistered(user),
      onError: (error) => {
        if (isApiError(error, 409)) setErrors(error.code === ErrorCode.emailTaken ? { email: error.message } : { name: error.message });
        else if (isApiError(error, 400)) setErrors(fieldErrorsOr(formErrorsFromServer(error.fields), error.message));
      },
    });
  }

  const serverError =
    register.error && !isApiError(register.error, 409) && !isApiError(register.error, 400) && errorMessage(register.error);
  const formError = errors.form ?? serverError;
  return (
    <div className={styles.card}>
      <h1 className={styles.title}>Create your account</h1>
      <p className={styles.lead}>Publish events or join them, and see every change live.</p>
      <form ref={formRef} className={styles.form} onSubmit={submit} noValidate>
        {formError && (
          <p role="alert" className={styles.formError}>
            {formError}
          </p>
        )}
        <Field
          label="Name"
          error={errors.name}
          hint={`${USER_NAME_MIN}–${USER_NAME_MAX} letters, digits, “_”, “.” or “-”. Others see this name.`}
        >
          {(props) => <input {...props} name="name" autoComplete="username" autoCapitalize="none" spellCheck={false} required />}
        </Field>
        <Field label="Email" error={errors.email} hint="For password resets and account notices. Never shown to others.">
          {(props) => <input {...props} name="email" type="email" autoComplete="email" autoCapitalize="none" spellCheck={false} required />}
        </Field>
        <Field label="Password" error={errors.password} hint={`At least ${PASSWORD_MIN} characters, not a common one.`}>
          {(props) => <input {...props} name="password" type="password" autoComplete="new-password" required />}
        </Field>
        <fieldset className={styles.roles}>
          <legend>I want to</legend>
          {ROLES.map((role) => (
            <div key={role.value} className={styles.role}>
              <label className={styles.roleName}>
                <input
                  type="radio"
                  name="role"
                  value={role.value}
                  defaultChecked={role.value === 'joiner'}
                  aria-describedby={`role-${role.value}-hint`}
                />
                {role.label}
              </label>
              <span id={`role-${role.value}-hint`} className={styles.roleHint}>
                {role.hint}
              </span>
            </div>
          ))}
          {errors.role && <p className={styles.formError}>{errors.role}</p>}
        </fieldset>
        <Button type="submit" variant="primary" block busy={register.isPending}>
          Create account
        </Button>
      </form>
      <p className={styles.switch}>
        Already have an account? <Link to={loginHref}>Log in</Link>
      </p>
    </div>
  );
}
