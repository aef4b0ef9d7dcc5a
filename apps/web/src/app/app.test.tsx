import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Toaster } from '../components/ui/toaster';
import { createQueryClient } from '../lib/query-client';
import { buildAccount, buildEvent, buildEventView, buildMe, buildNotification, buildPage, buildUser } from '../test/builders';
import { setSignedInHint } from '../test/cookies';
import { FakeSocket } from '../test/fake-socket';
import { apiError, json, mockApi } from '../test/fetch-mock';
import { createRoutes } from './router';

let socket: FakeSocket;
vi.mock('socket.io-client', () => ({ io: () => socket }));

beforeEach(() => {
  socket = new FakeSocket();
});

function renderApp(path: string) {
  const client = createQueryClient();
  client.setDefaultOptions({ queries: { retry: false } });
  const router = createMemoryRouter(createRoutes(client), { initialEntries: [path] });
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
      <Toaster />
    </QueryClientProvider>,
  );
  return { client, router, user: userEvent.setup() };
}

describe('the app', () => {
  it('sends a visitor without a session to the login page, keeping where they were going, without asking the server', async () => {
    const api = mockApi();
    const { router } = renderApp('/events/new');
    expect(await screen.findByRole('button', { name: 'Log in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/events/new')}`);
    expect(api.requests).toEqual([]);
  });

  it('asks the server who is logged in when the signed-in hint is there, and logs in again when the session is gone', async () => {
    setSignedInHint();
    const api = mockApi().on('GET', '/api/auth/me', () => apiError(401, 'unauthenticated', 'Log in first.'));
    const { router } = renderApp('/');
    expect(await screen.findByRole('button', { name: 'Log in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(api.sent('GET', '/api/auth/me')).toHaveLength(1);
  });

  it('shows server events live and logs out back to the login page', async () => {
    setSignedInHint();
    const viewer = buildUser();
    const existing = buildEventView({ title: 'Board games night', startsAt: '2030-01-10T18:00:00.000Z' });
    const api = mockApi()
      .on('GET', '/api/auth/me', () => json(200, { user: viewer, account: buildAccount() }))
      .on('GET', '/api/events', () => json(200, buildPage([existing])))
      .on('GET', '/api/notifications', () => json(200, { items: [], unreadCount: 0 }))
      .on('POST', '/api/auth/logout', () => json(204, null));
    const { user } = renderApp('/');

    await screen.findByRole('link', { name: 'Board games night' });
    await waitFor(() => expect(socket.connected).toBe(true));

    socket.serverEmit('event:created', { event: buildEvent({ title: 'Sunday hike', startsAt: '2030-01-12T08:00:00.000Z' }) });
    expect(await screen.findByRole('link', { name: 'Sunday hike' })).toBeInTheDocument();

    socket.serverEmit('participation:changed', { eventId: existing.id, joinedCount: 9, waitlistCount: 0, version: 2 });
    expect(await screen.findByText('9 of 50 going')).toBeInTheDocument();

    socket.serverEmit('notification', { notification: buildNotification({ title: 'Board games night moved' }) });
    // A toast, in the polite live region.
    await waitFor(() => expect(screen.getAllByText('Board games night moved').some((el) => el.closest('[role="status"]'))).toBe(true));
    expect(screen.getByRole('button', { name: 'Notifications' })).toHaveAccessibleDescription('1 unread');

    socket.serverEmit('event:deleted', { eventId: existing.id });
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Board games night' })).toBeNull());

    await user.click(screen.getByRole('button', { name: 'Log out' }));
    expect(await screen.findByRole('button', { name: 'Log in' })).toBeInTheDocument();
    expect(api.sent('POST', '/api/auth/logout')).toHaveLength(1);
    expect(socket.active).toBe(false);
  });

  it('moves an event whose start changed to its place in the list, and out of a search it no longer matches', async () => {
    setSignedInHint();
    const games = buildEventView({ title: 'Board games night', location: 'Café Lume', startsAt: '2030-01-10T18:00:00.000Z' });
    const hike = buildEventView({ title: 'Sunday hike', location: 'Grunewald', startsAt: '2030-01-12T08:00:00.000Z' });
    const walk = buildEventView({ title: 'Photo walk', location: 'Café Lume', startsAt: '2030-02-01T10:00:00.000Z' });
    mockApi()
      .on('GET', '/api/auth/me', () => json(200, buildMe()))
      .on('GET', '/api/events', ({ url }) =>
        json(200, buildPage(url.searchParams.get('q') === 'café' ? [games, walk] : [games, hike, walk])),
      )
      .on('GET', '/api/notifications', () => json(200, { items: [], unreadCount: 0 }));
    const { router } = renderApp('/');
    const titles = () =>
      within(screen.getByRole('list', { name: 'Events' }))
        .getAllByRole('heading')
        .map((h) => h.textContent);

    await screen.findByRole('link', { name: 'Board games night' });
    await waitFor(() => expect(socket.connected).toBe(true));
    socket.serverEmit('event:updated', { event: buildEvent({ ...games, startsAt: '2030-01-20T18:00:00.000Z', version: 2 }) });
    await waitFor(() => expect(titles()).toEqual(['Sunday hike', 'Board games night', 'Photo walk']));

    await router.navigate('/?q=caf%C3%A9');
    await waitFor(() => expect(titles()).toEqual(['Board games night', 'Photo walk']));
    socket.serverEmit('event:updated', { event: buildEvent({ ...walk, location: 'Tempelhof', version: 2 }) });
    await waitFor(() => expect(titles()).toEqual(['Board games night']));
  });
  it('keeps the account from the same /me answer: the banner asks for an address, and the settings show it without asking again', async () => {
    setSignedInHint();
    const api = mockApi()
      .on('GET', '/api/auth/me', () => json(200, buildMe({}, { email: null, emailVerified: false })))
      .on('GET', '/api/events', () => json(200, buildPage([])))
      .on('GET', '/api/notifications', () => json(200, { items: [], unreadCount: 0 }))
      .on('GET', '/api/auth/sessions', () => json(200, { sessions: [] }));
    const { user, router } = renderApp('/');

    await user.click(await screen.findByRole('link', { name: 'Add an email address so you can reset your password' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/settings'));
    expect(await screen.findByRole('heading', { name: 'Settings', level: 1 })).toBeInTheDocument();
    expect(screen.getByText(/No address yet/)).toBeInTheDocument();
    // The banner is not repeated on the page that has the address form.
    expect(screen.queryByRole('region', { name: 'Your email address' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Settings' })).toHaveAttribute('href', '/settings');
    expect(api.sent('GET', '/api/auth/me')).toHaveLength(1);
  });
});
