import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { JoinResponse } from '@turnout/contracts';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Toaster } from '../../components/ui/toaster';
import { createQueryClient } from '../../lib/query-client';
import { buildAnnouncement, buildEventView, buildMe, buildNotification, ORGANIZER_ID } from '../../test/builders';
import { setSignedInHint } from '../../test/cookies';
import { FakeSocket } from '../../test/fake-socket';
import { json, mockApi } from '../../test/fetch-mock';
import { createRoutes } from '../router';

let socket: FakeSocket;
vi.mock('socket.io-client', () => ({ io: () => socket }));

beforeEach(() => {
  socket = new FakeSocket();
});

/** The whole app on one event's page, with its socket: what an attendee has open in a tab. */
function renderEventPage(eventId: string) {
  const client = createQueryClient();
  client.setDefaultOptions({ queries: { retry: false } });
  const router = createMemoryRouter(createRoutes(client), { initialEntries: [`/events/${eventId}`] });
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
      <Toaster />
    </QueryClientProvider>,
  );
  return { client };
}

describe('the event page’s updates, live', () => {
  it('shows an update the organizer just posted on an attendee’s open page, and toasts its first line', async () => {
    setSignedInHint();
    const event = buildEventView({ title: 'Lakeside picnic', myParticipation: { status: 'joined' } });
    const welcome = buildAnnouncement({ eventId: event.id, body: 'Welcome, everyone!' });
    const moved = buildAnnouncement({ eventId: event.id, body: 'We moved to the pavilion.\nIt might rain.' });
    let posted = false;
    const api = mockApi()
      .on('GET', '/api/auth/me', () => json(200, buildMe()))
      .on('GET', `/api/events/${event.id}`, () => json(200, { event }))
      .on('GET', '/api/notifications', () => json(200, { items: [], unreadCount: 0 }))
      .on('GET', `/api/events/${event.id}/announcements`, () => json(200, { items: posted ? [moved, welcome] : [welcome] }));
    renderEventPage(event.id);

    const updates = await screen.findByRole('region', { name: 'Updates' });
    expect(await within(updates).findByText('Welcome, everyone!')).toBeInTheDocument();
    await waitFor(() => expect(socket.connected).toBe(true));

    posted = true;
    socket.serverEmit('notification', {
      notification: buildNotification({ type: 'announcement', eventId: event.id, title: 'Update: Lakeside picnic', body: moved.body }),
    });

    await waitFor(() => expect(within(updates).getAllByRole('listitem')).toHaveLength(2));
    expect(within(updates).getAllByRole('listitem')[0]).toHaveTextContent('We moved to the pavilion.');
    // The toast has the first line; the page has the whole text.
    const toast = screen.getAllByText('Update: Lakeside picnic').find((el) => el.closest('[role="status"]'));
    expect(toast?.parentElement).toHaveTextContent(/^Update: Lakeside picnicWe moved to the pavilion\.$/);
    expect(api.sent('GET', `/api/events/${event.id}/announcements`)).toHaveLength(2);
  });

  it('leaves the updates alone for a notification about another event or of another kind', async () => {
    setSignedInHint();
    const event = buildEventView({ myParticipation: { status: 'waitlisted', position: 1 } });
    const api = mockApi()
      .on('GET', '/api/auth/me', () => json(200, buildMe()))
      .on('GET', `/api/events/${event.id}`, () => json(200, { event }))
      .on('GET', '/api/notifications', () => json(200, { items: [], unreadCount: 0 }))
      .on('GET', `/api/events/${event.id}/announcements`, () => json(200, { items: [] }));
    renderEventPage(event.id);
    expect(await screen.findByText('No updates from the organizer yet.')).toBeInTheDocument();
    await waitFor(() => expect(socket.connected).toBe(true));

    socket.serverEmit('notification', { notification: buildNotification({ type: 'announcement', eventId: buildEventView().id }) });
    socket.serverEmit('notification', { notification: buildNotification({ type: 'event_changed', eventId: event.id }) });
    await waitFor(() => expect(screen.getAllByText('Rooftop meetup was changed').some((el) => el.closest('[role="status"]'))).toBe(true));
    expect(api.sent('GET', `/api/events/${event.id}/announcements`)).toHaveLength(1);
  });
});

describe('the event page for an organizer', () => {
  const mockEventPage = (viewerId: string, event = buildEventView({ title: 'Lakeside picnic' })) => {
    setSignedInHint();
    const api = mockApi()
      .on('GET', '/api/auth/me', () => json(200, buildMe({ id: viewerId, role: 'organizer' })))
      .on('GET', `/api/events/${event.id}`, () => json(200, { event }))
      .on('GET', '/api/notifications', () => json(200, { items: [], unreadCount: 0 }))
      .on('GET', `/api/events/${event.id}/announcements`, () => json(200, { items: [] }));
    return { api, event };
  };

  it('lets them join another organizer’s event', async () => {
    const { api, event } = mockEventPage('30000000-0000-4000-8000-000000000003');
    const joined: JoinResponse = {
      participation: { status: 'joined' },
      event: { ...event, joinedCount: event.joinedCount + 1, version: 2, myParticipation: { status: 'joined' } },
    };
    api.on('PUT', `/api/events/${event.id}/participation`, () => json(200, joined));
    renderEventPage(event.id);

    const actions = await screen.findByRole('complementary', { name: 'Actions' });
    await userEvent.click(await within(actions).findByRole('button', { name: 'Join' }));

    expect(await within(actions).findByText('You’re going. See you there!')).toBeInTheDocument();
    expect(within(actions).getByRole('button', { name: 'Leave' })).toBeInTheDocument();
    expect(api.sent('PUT', `/api/events/${event.id}/participation`)).toHaveLength(1);
    expect(within(actions).queryByRole('button', { name: 'Delete event' })).toBeNull();
  });

  it('offers no Join on their own event', async () => {
    const { event } = mockEventPage(ORGANIZER_ID);
    renderEventPage(event.id);

    const actions = await screen.findByRole('complementary', { name: 'Actions' });
    expect(await within(actions).findByRole('button', { name: 'Delete event' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Join' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Your spot' })).toBeNull();
  });
});
