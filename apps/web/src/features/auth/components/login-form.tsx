import { LoginBodySchema, type User } from '@turnout/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/button';
import { Field } from '../../../components/ui/field';
import { useFocusFirstInvalid } from '../../../components/ui/use-focus-first-invalid';
import { errorMessage } from '../../../lib/api-client';
import { type FormErrors, formErrorsFromIssues } from '../../../lib/form-errors';
import { useLogin } from '../api/login';
import styles from './auth-form.module.css';

export function LoginForm({ onLoggedIn, registerHref }: { onLoggedIn: (user: User) => void; registerHref: string }) {
  const login = useLogin();
  const [errors, setErrors] = useState<FormErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = LoginBodySchema.safeParse({ name: data.get('name'), password: data.get('password') });
    if (!parsed.success) return setErrors(formErrorsFromIssues(parsed.error.issues));
    setErrors({});
    login.mutate(parsed.data, { onSuccess: ({ user }) => onLoggedIn(user) });
  }

  return (
    <div className={styles.card}>
      <h1 className={styles.title}>Log in</h1>
      <p className={styles.lead}>Welcome back to Turnout.</p>
      <form ref={formRef} className={styles.form} onSubmit={submit} noValidate>
        {login.error && (
          <p role="alert" className={styles.formError}>
            {errorMessage(login.error)}
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
        New here? <Link to={registerHref}>Create an account</Link>
      </p>
    </div>
  );
}
