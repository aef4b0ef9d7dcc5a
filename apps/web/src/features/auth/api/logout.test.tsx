import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { showToast } from '../../../lib/toasts';
import { json, mockApi } from '../../../test/fetch-mock';
import { renderPage } from '../../../test/render';
import { useLogout } from './logout';

function LogoutButton() {
  const logout = useLogout();
  return (
    <button type="button" onClick={() => logout.mutate()}>
      Log out
    </button>
  );
}

describe('logging out', () => {
  it('takes the toasts of the session with it', async () => {
    const api = mockApi().on('POST', '/api/auth/logout', () => json(204, null));
    const { user } = renderPage(<LogoutButton />);
    showToast({ title: 'Your seat is confirmed', body: 'Rooftop meetup' });
    expect(await screen.findByText('Your seat is confirmed')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await waitFor(() => expect(api.sent('POST', '/api/auth/logout')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByText('Your seat is confirmed')).toBeNull());
  });
});
