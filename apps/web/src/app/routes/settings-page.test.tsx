import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '../../lib/query-keys';
import { buildAccount, buildPreferences, buildSession, buildUser, ORGANIZER_ID } from '../../test/builders';
import { apiError, deferred, json, mockApi } from '../../test/fetch-mock';
import { renderPage } from '../../test/render';
import { chooseTimeZone, shownTimeZone } from '../../test/time-zone-field';
import { SettingsPage } from './settings-page';

const CHROME_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

function settingsApi(sessions = [buildSession({ current: true, userAgent: CHROME_MAC })], preferences = buildPreferences()) {
  return mockApi()
    .on('GET', '/api/auth/sessions', () => json(200, { sessions }))
    .on('GET', '/api/me/preferences', () => json(200, { preferences }));
}

const section = (name: string) => screen.getByRole('region', { name });

describe('settings: sessions', () => {
  it('lists the devices, this one first, and signs another one out', async () => {
    const here = buildSession({ current: true, userAgent: CHROME_MAC, lastSeenAt: new Date().toISOString() });
    const phone = buildSession({ userAgent: SAFARI_IPHONE });
    const api = settingsApi([phone, here]).on('DELETE', `/api/auth/sessions/${phone.id}`, () => json(204, null));
    const { user } = renderPage(<SettingsPage />, { path: '/settings' });

    const list = await screen.findByRole('list', { name: 'Sessions' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringMatching(/^Chrome on macOSThis device/),
      expect.stringMatching(/^Safari on iPhone/),
    ]);
    const lastSeen = within(items[1] as HTMLElement).getByText(
      (_, el) => el?.tagName === 'TIME' && el.getAttribute('datetime') === phone.lastSeenAt,
    );
    expect(lastSeen).toHaveAttribute('title', expect.stringContaining('2026'));

    const signOut = within(items[1] as HTMLElement).getByRole('button', { name: 'Sign out' });
    expect(signOut).toHaveAccessibleDescription('Safari on iPhone');
    await user.click(signOut);
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    expect(screen.getByRole('heading', { name: 'Sessions' })).toHaveFocus();
    expect(api.sent('DELETE', `/api/auth/sessions/${phone.id}`)).toHaveLength(1);
  });

  it('signs this tab out when its own session is ended', async () => {
    const here = buildSession({ current: true, userAgent: CHROME_MAC });
    settingsApi([here]).on('DELETE', `/api/auth/sessions/${here.id}`, () => json(204, null));
    const { user, client } = renderPage(<SettingsPage />, { path: '/settings' });
    const list = await screen.findByRole('list', { name: 'Sessions' });
    await user.click(within(list).getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(client.getQueryData(queryKeys.me)).toBeNull());
    expect(client.getQueryData(queryKeys.account)).toBeUndefined();
  });
});

describe('settings: mail', () => {
  it('saves each switch the moment it changes, says so, and keeps the digest for organizers', async () => {
    const api = settingsApi(undefined, buildPreferences({ timezone: 'Europe/Lisbon' })).on('PATCH', '/api/me/preferences', ({ body }) =>
      json(200, { preferences: buildPreferences({ timezone: 'Europe/Lisbon', ...(body as object) }) }),
    );
    const { user } = renderPage(<SettingsPage />, { path: '/settings' });
    const mail = section('Mail');
    const reminders = await within(mail).findByRole('checkbox', { name: 'Reminders before events I joined' });
    expect(reminders).toBeChecked();
    expect(within(mail).getByRole('checkbox', { name: 'Announcements from organizers' })).toBeChecked();
    expect(within(mail).getByRole('checkbox', { name: 'Event updates: confirmations, changes and cancellations' })).toBeChecked();
    expect(within(mail).queryByRole('checkbox', { name: /Daily digest/ })).toBeNull();
    expect(shownTimeZone(within(mail).getByLabelText('Your time zone'))).toBe('Europe/Lisbon');

    await user.click(reminders);
    expect(reminders).not.toBeChecked();
    expect(await within(mail).findByText('Saved: reminder mails off.')).toHaveAttribute('role', 'status');
    await chooseTimeZone(user, within(mail).getByLabelText('Your time zone'), 'Asia/Tokyo');
    expect(await within(mail).findByText('Saved: times in your mails are in Asia/Tokyo.')).toBeInTheDocument();
    expect(api.sent('PATCH', '/api/me/preferences').map((r) => r.body)).toEqual([{ reminders: false }, { timezone: 'Asia/Tokyo' }]);
  });

  it('shows an organizer the daily digest, and puts a switch back when the server refuses the change', async () => {
    const answer = deferred<Response>();
    settingsApi().on('PATCH', '/api/me/preferences', () => answer.promise);
    const { user } = renderPage(<SettingsPage />, { path: '/settings', viewer: buildUser({ id: ORGANIZER_ID, role: 'organizer' }) });
    const mail = section('Mail');
    const digest = await within(mail).findByRole('checkbox', { name: 'Daily digest of joins and leaves (organizers)' });
    await user.click(digest);
    // Shown at once, before the server answers.
    expect(digest).not.toBeChecked();
    answer.resolve(apiError(500, 'internal_error', 'Something broke on our side.'));
    expect(await within(mail).findByRole('alert')).toHaveTextContent('Could not save: Something broke on our side.');
    await waitFor(() => expect(digest).toBeChecked());
  });

  it('suggests this browser’s zone while none is set, and saves it when accepted', async () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const api = settingsApi().on('PATCH', '/api/me/preferences', ({ body }) =>
      json(200, { preferences: buildPreferences(body as object) }),
    );
    const { user } = renderPage(<SettingsPage />, { path: '/settings' });
    const mail = section('Mail');
    const select = await within(mail).findByLabelText('Your time zone');
    expect(shownTimeZone(select)).toBe(zone);
    expect(select).toHaveAccessibleDescription(expect.stringContaining('Not set yet'));
    await user.click(within(mail).getByRole('button', { name: `Use ${zone.replaceAll('_', ' ')}` }));
    await waitFor(() => expect(select).toHaveAccessibleDescription(expect.not.stringContaining('Not set yet')));
    expect(within(mail).queryByRole('button', { name: /^Use / })).toBeNull();
    expect(api.sent('PATCH', '/api/me/preferences').map((r) => r.body)).toEqual([{ timezone: zone }]);
  });
});

describe('settings: password', () => {
  it('puts a wrong current password and a refused new one on their fields, then says the other sessions ended', async () => {
    let answer = () => apiError(403, 'wrong_password', 'The current password is wrong.');
    const api = settingsApi().on('POST', '/api/auth/password', () => answer());
    const { user } = renderPage(<SettingsPage />, { path: '/settings' });
    const password = section('Password');
    const current = within(password).getByLabelText('Current password');
    const next = within(password).getByLabelText('New password');
    await user.type(current, 'not it');
    await user.type(next, 'a new long password');
    await user.click(within(password).getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(current).toHaveAccessibleDescription('That is not your current password'));
    expect(current).toHaveFocus();

    answer = () =>
      apiError(400, 'validation_failed', 'The password is refused.', {
        password: ['This password is too common: choose one that is harder to guess.'],
      });
    await user.click(within(password).getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(next).toHaveAccessibleDescription(expect.stringContaining('too common')));
    expect(current).toHaveAttribute('aria-invalid', 'false');

    answer = () => json(204, null);
    await user.click(within(password).getByRole('button', { name: 'Change password' }));
    expect(await within(password).findByText(/Your other sessions were signed out/)).toHaveAttribute('role', 'status');
    expect(current).toHaveValue('');
    expect(api.sent('POST', '/api/auth/password').at(-1)?.body).toEqual({ currentPassword: 'not it', newPassword: 'a new long password' });
  });
});

describe('settings: email', () => {
  it('shows an unverified address, resends its link and changes it', async () => {
    const api = settingsApi()
      .on('POST', '/api/auth/email', () => json(204, null))
      .on('GET', '/api/auth/me', () =>
        json(200, {
          user: { id: '20000000-0000-4000-8000-000000000002', name: 'jamie', role: 'joiner', createdAt: '2026-01-01T00:00:00.000Z' },
          account: buildAccount({ email: 'new@example.com', emailVerified: false }),
        }),
      );
    const { user } = renderPage(<SettingsPage />, { path: '/settings', account: buildAccount({ emailVerified: false }) });
    const email = section('Email');
    expect(within(email).getByText('Not verified')).toBeInTheDocument();
    await user.click(within(email).getByRole('button', { name: 'Resend the link' }));
    expect(await within(email).findByText('We sent a link to jamie@example.com. Open it to confirm the address.')).toBeInTheDocument();
    expect(api.sent('POST', '/api/auth/email')[0]?.body).toEqual({ email: 'jamie@example.com' });

    await user.type(within(email).getByLabelText('New email address'), 'new@example.com');
    await user.click(within(email).getByRole('button', { name: 'Change address' }));
    expect(await within(email).findByText('new@example.com', { exact: false, selector: 'p:not([role])' })).toBeInTheDocument();
    expect(api.sent('POST', '/api/auth/email')[1]?.body).toEqual({ email: 'new@example.com' });
  });

  it('shows a taken address on the field', async () => {
    settingsApi().on('POST', '/api/auth/email', () => apiError(409, 'email_taken', 'That address has an account already.'));
    const { user } = renderPage(<SettingsPage />, { path: '/settings' });
    const field = within(section('Email')).getByLabelText('New email address');
    await user.type(field, 'taken@example.com');
    await user.click(within(section('Email')).getByRole('button', { name: 'Change address' }));
    await waitFor(() => expect(field).toHaveAccessibleDescription(expect.stringContaining('That address has an account already.')));
  });
});

describe('settings: two-factor sign-in', () => {
  it('turns it on: QR code and grouped key, a wrong code, then the recovery codes shown once', async () => {
    const codes = ['aaaaa-11111', 'bbbbb-22222', 'ccccc-33333'];
    const api = settingsApi()
      .on('POST', '/api/auth/totp/setup', () =>
        json(200, {
          secret: 'JBSWY3DPEHPK3PXPJBSWY3DP',
          otpauthUrl: 'otpauth://totp/Turnout:jamie?secret=JBSWY3DPEHPK3PXPJBSWY3DP&issuer=Turnout',
        }),
      )
      .on('POST', '/api/auth/totp/enable', ({ body }) =>
        (body as { code: string }).code === '123456'
          ? json(200, { recoveryCodes: codes })
          : apiError(400, 'totp_invalid', 'The code is wrong.'),
      );
    const { user, client } = renderPage(<SettingsPage />, { path: '/settings' });
    const twoFactor = section('Two-factor sign-in Off');
    await user.click(within(twoFactor).getByRole('button', { name: 'Turn on' }));

    const heading = await within(twoFactor).findByRole('heading', { name: 'Add Turnout to your authenticator app' });
    await waitFor(() => expect(heading).toHaveFocus());
    const qr = await within(twoFactor).findByRole('img', { name: /QR code for your authenticator app/ });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(within(twoFactor).getByText('JBSW Y3DP EHPK 3PXP JBSW Y3DP')).toBeInTheDocument();

    const code = within(twoFactor).getByLabelText('Code from the app');
    expect(code).toHaveAttribute('autocomplete', 'one-time-code');
    await user.type(code, '000000');
    await user.click(within(twoFactor).getByRole('button', { name: 'Turn on two-factor sign-in' }));
    await waitFor(() => expect(code).toHaveAccessibleDescription(expect.stringContaining('That code is not right')));

    await user.clear(code);
    await user.type(code, '123456');
    await user.click(within(twoFactor).getByRole('button', { name: 'Turn on two-factor sign-in' }));
    const list = await within(twoFactor).findByRole('list', { name: 'Recovery codes' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(codes);
    expect(within(twoFactor).getByRole('button', { name: 'Download .txt' })).toBeInTheDocument();
    expect(within(twoFactor).getByRole('button', { name: 'Copy codes' })).toBeInTheDocument();
    expect(client.getQueryData(queryKeys.account)).toEqual(buildAccount({ totpEnabled: true }));

    await user.click(within(twoFactor).getByRole('button', { name: 'I have saved them' }));
    expect(within(twoFactor).queryByRole('list', { name: 'Recovery codes' })).toBeNull();
    await waitFor(() => expect(within(twoFactor).getByRole('heading', { level: 2 })).toHaveFocus());
    expect(screen.getByRole('region', { name: 'Two-factor sign-in On' })).toBeInTheDocument();
    expect(within(twoFactor).getByRole('button', { name: 'Turn off' })).toBeInTheDocument();
    expect(api.sent('POST', '/api/auth/totp/enable').map((r) => r.body)).toEqual([{ code: '000000' }, { code: '123456' }]);
  });

  it('turns it off with the password, refusing a wrong one on its field', async () => {
    let answer = () => apiError(403, 'wrong_password', 'The password is wrong.');
    settingsApi().on('POST', '/api/auth/totp/disable', () => answer());
    const { user } = renderPage(<SettingsPage />, { path: '/settings', account: buildAccount({ totpEnabled: true }) });
    const twoFactor = section('Two-factor sign-in On');
    await user.click(within(twoFactor).getByRole('button', { name: 'Turn off' }));
    const password = within(twoFactor).getByLabelText('Your password');
    expect(password).toHaveFocus();
    await user.type(password, 'wrong');
    await user.click(within(twoFactor).getByRole('button', { name: 'Turn off two-factor sign-in' }));
    await waitFor(() => expect(password).toHaveAccessibleDescription(expect.stringContaining('That is not your password')));

    answer = () => json(204, null);
    await user.click(within(twoFactor).getByRole('button', { name: 'Turn off two-factor sign-in' }));
    expect(await within(twoFactor).findByText(/Two-factor sign-in is off/)).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Two-factor sign-in Off' })).toBeInTheDocument();
  });
});
