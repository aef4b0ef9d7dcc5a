import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { queryKeys } from '../../../lib/query-keys';
import { buildMe } from '../../../test/builders';
import { apiError, json, mockApi } from '../../../test/fetch-mock';
import { renderPage } from '../../../test/render';
import { RegisterForm } from './register-form';

function renderRegister() {
  const onRegistered = vi.fn();
  const view = renderPage(<RegisterForm loginHref="/login" onRegistered={onRegistered} />, { path: '/register', viewer: null });
  return { ...view, onRegistered };
}

async function fill(user: ReturnType<typeof renderRegister>['user'], email = 'jamie@example.com') {
  await user.type(screen.getByLabelText('Name'), 'jamie');
  await user.type(screen.getByLabelText('Email'), email);
  await user.type(screen.getByLabelText('Password'), 'correct horse battery');
  await user.click(screen.getByRole('button', { name: 'Create account' }));
}

describe('RegisterForm', () => {
  it('sends the email address with the account and keeps the account for the settings', async () => {
    const me = buildMe({}, { emailVerified: false });
    const api = mockApi().on('POST', '/api/auth/register', () => json(201, me));
    const { user, onRegistered, client } = renderRegister();
    const email = screen.getByLabelText('Email');
    expect(email).toHaveAttribute('type', 'email');
    expect(email).toHaveAttribute('autocomplete', 'email');
    await fill(user);
    await waitFor(() => expect(onRegistered).toHaveBeenCalledWith(me.user));
    expect(api.sent('POST', '/api/auth/register')[0]?.body).toEqual({
      name: 'jamie',
      email: 'jamie@example.com',
      password: 'correct horse battery',
      role: 'joiner',
    });
    expect(client.getQueryData(queryKeys.account)).toEqual(me.account);
  });

  it('refuses a malformed address before asking the server', async () => {
    const api = mockApi();
    const { user } = renderRegister();
    await fill(user, 'not-an-address');
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(
      expect.stringContaining('Enter an email address like name@example.com'),
    );
    expect(api.requests).toEqual([]);
  });

  it('shows a taken address on the email field and a taken name on the name field', async () => {
    let code = 'email_taken';
    mockApi().on('POST', '/api/auth/register', () =>
      apiError(409, code, code === 'email_taken' ? 'That address has an account already.' : 'That name is taken.'),
    );
    const { user } = renderRegister();
    await fill(user);
    const email = screen.getByLabelText('Email');
    await waitFor(() => expect(email).toHaveAccessibleDescription(expect.stringContaining('That address has an account already.')));
    expect(email).toHaveFocus();
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'false');

    code = 'name_taken';
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(expect.stringContaining('That name is taken.')));
    expect(email).toHaveAttribute('aria-invalid', 'false');
  });

  it('shows the server’s refusal of a common password on the password field', async () => {
    mockApi().on('POST', '/api/auth/register', () =>
      apiError(400, 'validation_failed', 'The password is refused.', {
        password: ['This password is too common: choose one that is harder to guess.'],
      }),
    );
    const { user } = renderRegister();
    await fill(user);
    const password = screen.getByLabelText('Password');
    await waitFor(() => expect(password).toHaveAccessibleDescription(expect.stringContaining('This password is too common')));
    expect(password).toHaveFocus();
  });
});
