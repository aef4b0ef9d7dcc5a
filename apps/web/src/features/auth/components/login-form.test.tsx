import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { queryKeys } from '../../../lib/query-keys';
import { buildMe } from '../../../test/builders';
import { apiError, json, mockApi } from '../../../test/fetch-mock';
import { renderPage } from '../../../test/render';
import { LoginForm } from './login-form';

function renderLogin() {
  const onLoggedIn = vi.fn();
  const view = renderPage(<LoginForm registerHref="/register" onLoggedIn={onLoggedIn} />, { path: '/login', viewer: null });
  return { ...view, onLoggedIn };
}

async function submitPassword(user: ReturnType<typeof renderLogin>['user']) {
  await user.type(screen.getByLabelText('Name'), 'jamie');
  await user.type(screen.getByLabelText('Password'), 'correct horse battery');
  await user.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('LoginForm', () => {
  it('asks for the authentication code when the account has two-factor sign-in on, then logs in with name, password and code', async () => {
    const me = buildMe({}, { totpEnabled: true });
    const api = mockApi().on('POST', '/api/auth/login', ({ body }) =>
      (body as { totp?: string }).totp === '123456' ? json(200, me) : apiError(401, 'totp_required', 'Enter the code from your app.'),
    );
    const { user, onLoggedIn, client } = renderLogin();
    await submitPassword(user);

    const heading = await screen.findByRole('heading', { name: 'Two-factor sign-in' });
    await waitFor(() => expect(heading).toHaveFocus());
    const code = screen.getByLabelText('Authentication code');
    expect(code).toHaveAttribute('autocomplete', 'one-time-code');
    expect(code).toHaveAttribute('inputmode', 'numeric');
    expect(screen.queryByLabelText('Password')).toBeNull();
    expect(screen.getByRole('button', { name: 'Use a recovery code' })).toBeInTheDocument();

    await user.type(code, '123456');
    await user.click(screen.getByRole('button', { name: 'Verify and log in' }));
    await waitFor(() => expect(onLoggedIn).toHaveBeenCalledWith(me.user));
    expect(api.sent('POST', '/api/auth/login').map((r) => r.body)).toEqual([
      { name: 'jamie', password: 'correct horse battery' },
      { name: 'jamie', password: 'correct horse battery', totp: '123456' },
    ]);
    expect(client.getQueryData(queryKeys.account)).toEqual(me.account);
  });

  it('says a wrong code is not right, on the code field, and takes a recovery code instead', async () => {
    const api = mockApi().on('POST', '/api/auth/login', ({ body }) => {
      const totp = (body as { totp?: string }).totp;
      if (!totp) return apiError(401, 'totp_required', 'Enter the code from your app.');
      return totp === 'abcde-12345' ? json(200, buildMe()) : apiError(401, 'totp_invalid', 'The code is wrong.');
    });
    const { user, onLoggedIn } = renderLogin();
    await submitPassword(user);

    await user.type(await screen.findByLabelText('Authentication code'), '000000');
    await user.click(screen.getByRole('button', { name: 'Verify and log in' }));
    const code = screen.getByLabelText('Authentication code');
    await waitFor(() => expect(code).toHaveAccessibleDescription(expect.stringContaining('That code is not right')));
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(code).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Use a recovery code' }));
    await user.type(screen.getByLabelText('Recovery code'), 'abcde-12345');
    await user.click(screen.getByRole('button', { name: 'Verify and log in' }));
    await waitFor(() => expect(onLoggedIn).toHaveBeenCalled());
    expect(api.sent('POST', '/api/auth/login').at(-1)?.body).toEqual({
      name: 'jamie',
      password: 'correct horse battery',
      totp: 'abcde-12345',
    });
  });

  it('shows a wrong password as a message for the form and links to the password reset', async () => {
    mockApi().on('POST', '/api/auth/login', () => apiError(401, 'unauthenticated', 'Wrong name or password.'));
    const { user } = renderLogin();
    expect(screen.getByRole('link', { name: 'Forgot your password?' })).toHaveAttribute('href', '/forgot-password');
    await submitPassword(user);
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong name or password.');
    expect(screen.queryByLabelText('Authentication code')).toBeNull();
  });
});
