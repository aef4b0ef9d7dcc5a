import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, json, mockApi } from '../../test/fetch-mock';
import { renderPage } from '../../test/render';
import { UnsubscribePage } from './unsubscribe-page';

/** The address a mail's unsubscribe link opens: the page reads its fragment from the window's location. */
function openLink(path: string) {
  window.history.replaceState(null, '', path);
}

afterEach(() => openLink('/'));

describe('unsubscribe', () => {
  it('asks first, then stops the kind of mail the server names, signed out, with the token in the path only', async () => {
    openLink('/unsubscribe#token=tok_unsub_1');
    const api = mockApi().on('POST', '/api/unsubscribe/tok_unsub_1', () => json(200, { topic: 'reminders' }));
    const { user } = renderPage(<UnsubscribePage />, { path: '/unsubscribe', viewer: null });
    // The token left the address bar; nothing was sent just by opening the link.
    expect(window.location.hash).toBe('');
    expect(screen.getByRole('heading', { name: 'Unsubscribe from these mails?' })).toBeInTheDocument();
    expect(api.requests).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Unsubscribe' }));
    const heading = await screen.findByRole('heading', { name: 'You are unsubscribed' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByText(/You will no longer get/)).toHaveTextContent(
      'You will no longer get reminder mails. You can turn them back on in Settings.',
    );
    expect(screen.getByRole('link', { name: 'Settings' })).toHaveAttribute('href', '/settings');
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]?.url.search).toBe('');
    expect(api.requests[0]?.body).toBeUndefined();
  });

  it('names the daily digest when that is what the link stops', async () => {
    openLink('/unsubscribe#token=tok_digest');
    mockApi().on('POST', '/api/unsubscribe/tok_digest', () => json(200, { topic: 'digest' }));
    const { user } = renderPage(<UnsubscribePage />, { path: '/unsubscribe', viewer: null });
    await user.click(screen.getByRole('button', { name: 'Unsubscribe' }));
    expect(await screen.findByText(/You will no longer get daily digest mails/)).toBeInTheDocument();
  });

  it('says an unknown token’s link is not valid (404)', async () => {
    openLink('/unsubscribe#token=tok_forged');
    mockApi().on('POST', '/api/unsubscribe/tok_forged', () => apiError(404, 'not_found', 'Not found.'));
    const { user } = renderPage(<UnsubscribePage />, { path: '/unsubscribe', viewer: null });
    await user.click(screen.getByRole('button', { name: 'Unsubscribe' }));
    const heading = await screen.findByRole('heading', { name: 'This unsubscribe link is not valid.' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.queryByRole('button', { name: 'Unsubscribe' })).toBeNull();
  });

  it('says a link without a token is not valid, without asking the server', () => {
    openLink('/unsubscribe');
    const api = mockApi();
    renderPage(<UnsubscribePage />, { path: '/unsubscribe', viewer: null });
    expect(screen.getByRole('heading', { name: 'This unsubscribe link is not valid.' })).toBeInTheDocument();
    expect(api.requests).toEqual([]);
  });
});
