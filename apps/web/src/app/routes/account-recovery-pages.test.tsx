import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { queryKeys } from '../../lib/query-keys';
import { buildAccount } from '../../test/builders';
import { apiError, json, mockApi } from '../../test/fetch-mock';
import { renderPage } from '../../test/render';
import { ForgotPasswordPage } from './forgot-password-page';
import { LoginPage } from './login-page';
import { PASSWORD_RESET_NOTICE, ResetPasswordPage } from './reset-password-page';
import { VerifyEmailPage } from './verify-email-page';

/** The address a mail's link opens: the page reads its fragment from the window's location. */
function openLink(path: string) {
  window.history.replaceState(null, '', path);
}

afterEach(() => openLink('/'));

const SENT = 'If an account has this address, a link is on its way (valid 30 minutes).';

describe('forgot password', () => {
  it('sends the address and answers the same whatever the server knows of it', async () => {
    const api = mockApi().on('POST', '/api/auth/password/forgot', () => new Response(null, { status: 202 }));
    const { user } = renderPage(<ForgotPasswordPage />, { path: '/forgot-password', viewer: null });
    await user.type(screen.getByLabelText('Email'), ' Jamie@Example.com ');
    await user.click(screen.getByRole('button', { name: 'Send the link' }));

    expect(await screen.findByText(SENT)).toHaveAttribute('role', 'status');
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Check your inbox' })).toHaveFocus());
    expect(api.sent('POST', '/api/auth/password/forgot')[0]?.body).toEqual({ email: 'Jamie@Example.com' });
  });

  it('refuses something that is not an address without asking the server', async () => {
    const api = mockApi();
    const { user } = renderPage(<ForgotPasswordPage />, { path: '/forgot-password', viewer: null });
    await user.type(screen.getByLabelText('Email'), 'jamie');
    await user.click(screen.getByRole('button', { name: 'Send the link' }));
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Enter an email address like name@example.com');
    expect(api.requests).toEqual([]);
  });
});

describe('reset password', () => {
  it('takes the token from the fragment, removes it from the address bar, and sends the new password', async () => {
    openLink('/reset-password#token=tok_abc123');
    const api = mockApi().on('POST', '/api/auth/password/reset', () => json(204, null));
    const { user, router } = renderPage(<ResetPasswordPage />, { path: '/reset-password', viewer: null });
    expect(window.location.hash).toBe('');
    expect(window.location.pathname).toBe('/reset-password');

    await user.type(screen.getByLabelText('New password'), 'a new long password');
    await user.type(screen.getByLabelText('Repeat the new password'), 'a new long password');
    await user.click(screen.getByRole('button', { name: 'Set the new password' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(router.state.location.state).toEqual({ notice: PASSWORD_RESET_NOTICE });
    expect(api.sent('POST', '/api/auth/password/reset')[0]?.body).toEqual({ token: 'tok_abc123', password: 'a new long password' });
  });

  it('tells the login page that every session was signed out', async () => {
    mockApi();
    const { router } = renderPage(<LoginPage />, { path: '/login', viewer: null });
    expect(screen.queryByText(PASSWORD_RESET_NOTICE)).toBeNull();
    await router.navigate('/login', { state: { notice: PASSWORD_RESET_NOTICE } });
    expect(await screen.findByText(PASSWORD_RESET_NOTICE)).toHaveAttribute('role', 'status');
  });

  it('asks for the same password twice', async () => {
    openLink('/reset-password#token=tok_abc123');
    const api = mockApi();
    const { user } = renderPage(<ResetPasswordPage />, { path: '/reset-password', viewer: null });
    await user.type(screen.getByLabelText('New password'), 'a new long password');
    await user.type(screen.getByLabelText('Repeat the new password'), 'a new long passwort');
    await user.click(screen.getByRole('button', { name: 'Set the new password' }));
    expect(screen.getByLabelText('Repeat the new password')).toHaveAccessibleDescription('The two passwords are not the same');
    expect(screen.getByLabelText('Repeat the new password')).toHaveFocus();
    expect(api.requests).toEqual([]);
  });

  it('says an expired or used link is dead and links to asking again', async () => {
    openLink('/reset-password#token=tok_used');
    mockApi().on('POST', '/api/auth/password/reset', () => apiError(400, 'invalid_token', 'The link is no longer valid.'));
    const { user } = renderPage(<ResetPasswordPage />, { path: '/reset-password', viewer: null });
    await user.type(screen.getByLabelText('New password'), 'a new long password');
    await user.type(screen.getByLabelText('Repeat the new password'), 'a new long password');
    await user.click(screen.getByRole('button', { name: 'Set the new password' }));

    const heading = await screen.findByRole('heading', { name: 'This link has expired or was already used' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute('href', '/forgot-password');
  });

  it('shows a common password refused by the server on the password field', async () => {
    openLink('/reset-password#token=tok_abc123');
    mockApi().on('POST', '/api/auth/password/reset', () =>
      apiError(400, 'validation_failed', 'The password is refused.', {
        password: ['This password is too common: choose one that is harder to guess.'],
      }),
    );
    const { user } = renderPage(<ResetPasswordPage />, { path: '/reset-password', viewer: null });
    await user.type(screen.getByLabelText('New password'), 'password1234');
    await user.type(screen.getByLabelText('Repeat the new password'), 'password1234');
    await user.click(screen.getByRole('button', { name: 'Set the new password' }));
    await waitFor(() => expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(expect.stringContaining('too common')));
  });

  it('says a link without a token is incomplete', async () => {
    openLink('/reset-password');
    mockApi();
    renderPage(<ResetPasswordPage />, { path: '/reset-password', viewer: null });
    expect(await screen.findByRole('heading', { name: 'This link is incomplete' })).toBeInTheDocument();
  });
});

describe('verify email', () => {
  it('confirms the address once, signed in, and the account shows it verified', async () => {
    openLink('/verify-email#token=tok_verify');
    const api = mockApi()
      .on('POST', '/api/auth/email/verify', () => json(204, null))
      .on('GET', '/api/auth/me', () =>
        json(200, {
          user: { id: '20000000-0000-4000-8000-000000000002', name: 'jamie', role: 'joiner', createdAt: '2026-01-01T00:00:00.000Z' },
          account: buildAccount(),
        }),
      );
    const { client } = renderPage(<VerifyEmailPage />, { path: '/verify-email', account: buildAccount({ emailVerified: false }) });
    expect(window.location.hash).toBe('');
    expect(await screen.findByRole('heading', { name: 'Your address is confirmed' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to your settings' })).toBeInTheDocument();
    await waitFor(() => expect(client.getQueryData(queryKeys.account)).toEqual(buildAccount()));
    expect(api.sent('POST', '/api/auth/email/verify').map((r) => r.body)).toEqual([{ token: 'tok_verify' }]);
  });

  it('says an expired link failed, signed out too', async () => {
    openLink('/verify-email#token=tok_old');
    mockApi().on('POST', '/api/auth/email/verify', () => apiError(400, 'invalid_token', 'The link is no longer valid.'));
    renderPage(<VerifyEmailPage />, { path: '/verify-email', viewer: null });
    expect(await screen.findByRole('heading', { name: 'This link has expired or was already used' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Resend the link');
    expect(screen.getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login');
  });
});
