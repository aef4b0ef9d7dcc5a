import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '../../lib/query-keys';
import { buildMe, buildPreferences } from '../../test/builders';
import { json, mockApi } from '../../test/fetch-mock';
import { renderPage } from '../../test/render';
import { LoginPage } from './login-page';
import { RegisterPage } from './register-page';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

async function logIn(user: ReturnType<typeof renderPage>['user']) {
  await user.type(screen.getByLabelText('Name'), 'jamie');
  await user.type(screen.getByLabelText('Password'), 'correct horse battery');
  await user.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('the time zone after a sign-in', () => {
  it('gives an account without one this browser’s zone once, at login', async () => {
    const api = mockApi()
      .on('POST', '/api/auth/login', () => json(200, buildMe()))
      .on('GET', '/api/me/preferences', () => json(200, { preferences: buildPreferences() }))
      .on('PATCH', '/api/me/preferences', ({ body }) => json(200, { preferences: buildPreferences(body as object) }));
    const { user, client, router } = renderPage(<LoginPage />, { path: '/login', viewer: null });
    await logIn(user);
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    await waitFor(() => expect(api.sent('PATCH', '/api/me/preferences').map((r) => r.body)).toEqual([{ timezone: zone }]));
    await waitFor(() => expect(client.getQueryData(queryKeys.preferences)).toEqual(buildPreferences({ timezone: zone })));
  });

  it('keeps a zone the account already chose', async () => {
    const api = mockApi()
      .on('POST', '/api/auth/login', () => json(200, buildMe()))
      .on('GET', '/api/me/preferences', () => json(200, { preferences: buildPreferences({ timezone: 'Pacific/Auckland' }) }));
    const { user, client } = renderPage(<LoginPage />, { path: '/login', viewer: null });
    await logIn(user);
    await waitFor(() => expect(client.getQueryData(queryKeys.preferences)).toMatchObject({ timezone: 'Pacific/Auckland' }));
    expect(api.sent('PATCH', '/api/me/preferences')).toEqual([]);
  });

  it('gives a new account this browser’s zone, and a failure there does not stand in the way', async () => {
    const api = mockApi()
      .on('POST', '/api/auth/register', () => json(201, buildMe()))
      .on('GET', '/api/me/preferences', () => json(200, { preferences: buildPreferences() }))
      .on('PATCH', '/api/me/preferences', () => json(503, { error: { code: 'not_ready', message: 'Try again soon.' } }));
    const { user, router } = renderPage(<RegisterPage />, { path: '/register', viewer: null });
    await user.type(screen.getByLabelText('Name'), 'jamie');
    await user.type(screen.getByLabelText('Email'), 'jamie@example.com');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    await waitFor(() => expect(api.sent('PATCH', '/api/me/preferences').map((r) => r.body)).toEqual([{ timezone: zone }]));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
