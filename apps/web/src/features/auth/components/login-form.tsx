import { ErrorCode, LoginBodySchema, type User } from '@turnout/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/button';
import { Field } from '../../../components/ui/field';
import { useFocusFirstInvalid } from '../../../components/ui/use-focus-first-invalid';
import { errorMessage, isApiError } from '../../../lib/api-client';
import { type FormErrors, formErrorsFromIssues } from '../../../lib/form-errors';
import { useLogin } from '../api/login';
import styles from './auth-form.module.css';
import { type Credentials, LoginCodeStep } from './login-code-step';

/**
 * Logging in, in one or two steps: name and password, then, when the account has two-factor
 * sign-in on (401 `totp_required`), a code from the authenticator app or a recovery code.
 */
export function LoginForm({
  onLoggedIn,
  registerHref,
  notice,
}: {
  onLoggedIn: (user: User) => void;
  registerHref: string;
  notice?: string;
}) {
  const login = useLogin();
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);

  function send(body: Credentials & { totp?: string }) {
    setErrors({});
    setFormError(null);
    login.mutate(body, {
      onSuccess: ({ user }) => onLoggedIn(user),
      onError: (error) => {
        if (isApiError(error, 401) && error.code === ErrorCode.totpRequired) {
          setCredentials({ name: body.name, password: body.password });
        } else if (isApiError(error) && error.code === ErrorCode.totpInvalid) {
          setErrors({ totp: 'That code is not right' });
        } else {
          setFormError(errorMessage(error));
        }
      },
    });
  }

  function submitPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = LoginBodySchema.safeParse({ name: data.get('name'), password: data.get('password') });
    if (!parsed.success) return setErrors(formErrorsFromIssues(parsed.error.issues));
    send({ name: parsed.data.name, password: parsed.data.password });
  }

  if (credentials) {
    return (
      <LoginCodeStep
        credentials={credentials}
        busy={login.isPending}
        errors={errors}
        formError={formError}
        onInvalid={setErrors}
        onSubmit={(totp) => send({ ...credentials, totp })}
        onBack={() => {
          setCredentials(null);
          setErrors({});
          setFormError(null);
        }}
      />
    );
  }

  return (
    <div className={styles.card}>
      <h1 className={styles.title}>Log in</h1>
      <p className={styles.lead}>Welcome back to Turnout.</p>
      {notice && (
        <p role="status" className={styles.notice}>
          {notice}
        </p>
      )}
      <form ref={formRef} className={styles.form} onSubmit={submitPassword} noValidate>
        {formError && (
          <p role="alert" className={styles.formError}>
            {formError}
          </p>
        )}
        <Field label="Name" error={errors.name}>
          {(props) => <input {...props} name="name" autoComplete="username" autoCapitalize="none" spellCheck={false} required />}
        </Field>
        <Field label="Password" error={errors.password}>
          {(props) => <input {...props} name="password" type="password" autoComplete="current-password" required />}
        </Field>
        <Button type="submit" variant="primary" block busy={login.isPending}>
          Log in
        </Button>
      </form>
      <p className={styles.switch}>
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
      <p className={styles.switchTight}>
        New here? <Link to={registerHref}>Create an account</Link>
      </p>
    </div>
  );
}
