import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { buildAccount } from '../../../test/builders';
import { json, mockApi } from '../../../test/fetch-mock';
import { renderPage } from '../../../test/render';
import { EmailBanner } from './email-banner';

afterEach(() => sessionStorage.clear());

describe('EmailBanner', () => {
  it('asks an account without an address to add one, linking to the settings', () => {
    mockApi();
    renderPage(<EmailBanner />, { account: buildAccount({ email: null, emailVerified: false }) });
    expect(screen.getByRole('link', { name: 'Add an email address so you can reset your password' })).toHaveAttribute('href', '/settings');
  });

  it('asks to confirm an unverified address and resends its link', async () => {
    const api = mockApi().on('POST', '/api/auth/email', () => json(204, null));
    const { user } = renderPage(<EmailBanner />, { account: buildAccount({ email: 'jamie@example.com', emailVerified: false }) });
    expect(screen.getByRole('region', { name: 'Your email address' })).toHaveTextContent(
      'Confirm your email: we sent a link to jamie@example.com.',
    );
    await user.click(screen.getByRole('button', { name: 'Resend the link' }));
    expect(await screen.findByText('A new link is on its way.')).toHaveAttribute('role', 'status');
    expect(api.sent('POST', '/api/auth/email')[0]?.body).toEqual({ email: 'jamie@example.com' });
  });

  it('says nothing to an account with a verified address', () => {
    mockApi();
    renderPage(<EmailBanner />, { account: buildAccount() });
    expect(screen.queryByRole('region', { name: 'Your email address' })).toBeNull();
  });

  it('stays dismissed for the rest of the visit', async () => {
    mockApi();
    const account = buildAccount({ email: null, emailVerified: false });
    const first = renderPage(<EmailBanner />, { account });
    await first.user.click(screen.getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Your email address' })).toBeNull());
    first.unmount();

    renderPage(<EmailBanner />, { account });
    expect(screen.queryByRole('region', { name: 'Your email address' })).toBeNull();
    sessionStorage.clear();
    renderPage(<EmailBanner />, { account });
    expect(screen.getByRole('region', { name: 'Your email address' })).toBeInTheDocument();
  });
});
