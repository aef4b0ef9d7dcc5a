import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AttendeesResponse, EventView } from '@turnout/contracts';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Toaster } from '../../components/ui/toaster';
import { LINK_REL } from '../../lib/markdown';
import { createQueryClient } from '../../lib/query-client';
import { buildAttendee, buildEventView, buildMe, ORGANIZER_ID } from '../../test/builders';
import { setSignedInHint } from '../../test/cookies';
import { FakeSocket } from '../../test/fake-socket';
import { apiError, json, mockApi } from '../../test/fetch-mock';
import { createRoutes } from '../router';

let socket: FakeSocket;
vi.mock('socket.io-client', () => ({ io: () => socket }));

beforeEach(() => {
  socket = new FakeSocket();
  setSignedInHint();
});

const JOIN_LINK = 'https://meet.example/secret-room';

/** The whole app on one event's page, for a joiner (or the user given), with the event's common reads mocked. */
function openEventPage(
  event: EventView,
  { me = buildMe(), attendees }: { me?: ReturnType<typeof buildMe>; attendees?: () => Response } = {},
) {
  const api = mockApi()
    .on('GET', '/api/auth/me', () => json(200, me))
    .on('GET', `/api/events/${event.id}`, () => json(200, { event }))
    .on('GET', '/api/notifications', () => json(200, { items: [], unreadCount: 0 }))
    .on('GET', `/api/events/${event.id}/announcements`, () => json(200, { items: [] }))
    .on('GET', `/api/events/${event.id}/attendees`, attendees ?? (() => json(200, { version: event.version, joined: [], waitlisted: [] })));
  const client = createQueryClient();
  client.setDefaultOptions({ queries: { retry: false } });
  const router = createMemoryRouter(createRoutes(client), { initialEntries: [`/events/${event.id}`] });
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
      <Toaster />
    </QueryClientProvider>,
  );
  return { api, client, user: userEvent.setup() };
}

const details = () => screen.findByRole('region', { name: 'Details' });

describe('the description and the place', () => {
  it('renders the description as sanitised Markdown', async () => {
    const event = buildEventView({
      description: '## Agenda\n\n- **Talks**\n- [Slides](https://slides.example)\n\n<img src=x onerror="alert(1)">',
    });
    openEventPage(event);
    const region = await details();
    expect(await within(region).findByText('Talks')).toHaveProperty('tagName', 'STRONG');
    // The page's h1 stays the title: a description's first heading level is an h2 under it.
    expect(within(region).getByRole('heading', { name: 'Agenda' })).toHaveProperty('tagName', 'H2');
    const slides = within(region).getByRole('link', { name: 'Slides' });
    expect(slides).toHaveAttribute('href', 'https://slides.example');
    expect(slides).toHaveAttribute('target', '_blank');
    expect(slides).toHaveAttribute('rel', LINK_REL);
    expect(region.querySelector('img, [onerror]')).toBeNull();
    expect(screen.getAllByRole('heading', { level: 1 }).map((h) => h.textContent)).toEqual([event.title]);
  });

  it('links a venue to OpenStreetMap in a new tab, and names a place still to be announced', async () => {
    const event = buildEventView({ location: 'Café Müller & Co, Berlin' });
    openEventPage(event);
    const map = await within(await details()).findByRole('link', { name: /^Map/ });
    expect(map).toHaveAttribute('href', 'https://www.openstreetmap.org/search?query=Caf%C3%A9%20M%C3%BCller%20%26%20Co%2C%20Berlin');
    expect(map).toHaveAttribute('target', '_blank');
    expect(map).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('says the place is to be announced when there is none yet, without a map', async () => {
    openEventPage(buildEventView({ location: '' }));
    const region = await details();
    expect(await within(region).findByText('Place to be announced')).toBeInTheDocument();
    expect(within(region).queryByRole('link', { name: /^Map/ })).toBeNull();
  });
});

describe('an online event’s join link', () => {
  const online = { locationType: 'online' as const, location: 'Jitsi', hasOnlineUrl: true };

  it('appears once the viewer joins, and never in the calendar links', async () => {
    const event = buildEventView({ ...online, joinedCount: 3, version: 5 });
    const { api, user } = openEventPage(event);
    const region = await details();
    expect(await within(region).findByText('The join link appears once you join')).toBeInTheDocument();
    expect(within(region).getByText('Jitsi')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Join online/ })).toBeNull();

    api.on('PUT', `/api/events/${event.id}/participation`, () =>
      json(200, {
        participation: { status: 'joined' },
        event: { ...event, joinedCount: 4, version: 6, myParticipation: { status: 'joined' }, onlineUrl: JOIN_LINK },
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Join' }));

    const join = await screen.findByRole('link', { name: /Join online/ });
    expect(join).toHaveAttribute('href', JOIN_LINK);
    expect(join).toHaveAttribute('target', '_blank');
    expect(join).toHaveAttribute('rel', 'noopener noreferrer');
    expect(screen.queryByText('The join link appears once you join')).toBeNull();
    for (const name of ['Add to Google Calendar', 'Add to Outlook']) {
      expect(screen.getByRole('link', { name }).getAttribute('href')).not.toContain(encodeURIComponent(JOIN_LINK));
    }
  });

  it('keeps the link through a broadcast of the event, and reads it again after an edit', async () => {
    const event = buildEventView({ ...online, myParticipation: { status: 'joined' }, onlineUrl: JOIN_LINK, version: 2 });
    const { api } = openEventPage(event);
    expect(await screen.findByRole('link', { name: /Join online/ })).toHaveAttribute('href', JOIN_LINK);
    await waitFor(() => expect(socket.connected).toBe(true));

    const moved = `${JOIN_LINK}-2`;
    api.on('GET', `/api/events/${event.id}`, () => json(200, { event: { ...event, title: 'Moved', onlineUrl: moved, version: 3 } }));
    const { myParticipation: _, onlineUrl: __, ...stored } = event;
    socket.serverEmit('event:updated', { event: { ...stored, title: 'Moved', version: 3 } });

    await waitFor(() => expect(screen.getByRole('link', { name: /Join online/ })).toHaveAttribute('href', moved));
  });
});

describe('who is going', () => {
  const people = ['ana', 'ben', 'cleo', 'dev', 'eli', 'fay', 'gus'].map((name) => buildAttendee({ name }));

  it('shows faces with initials and names, “+N more”, and everyone on request', async () => {
    const event = buildEventView({ joinedCount: 7, version: 4 });
    const { user } = openEventPage(event, { attendees: () => json(200, { version: 4, joined: people, waitlisted: [] }) });
    const section = await screen.findByRole('region', { name: 'Who’s going' });
    const stack = await within(section).findByRole('list', { name: '7 people going' });
    expect(
      within(stack)
        .getAllByRole('img')
        .map((img) => [img.getAttribute('aria-label'), img.textContent]),
    ).toEqual([
      ['ana', 'A'],
      ['ben', 'B'],
      ['cleo', 'C'],
      ['dev', 'D'],
      ['eli', 'E'],
    ]);
    expect(within(section).getByText('+2 more')).toBeInTheDocument();
    expect(within(section).getByText('ana, ben and 5 others are going')).toBeInTheDocument();

    const toggle = within(section).getByRole('button', { name: 'See everyone (7)' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const list = document.getElementById(toggle.getAttribute('aria-controls') ?? '') as HTMLElement;
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Aana', 'Bben', 'Ccleo', 'Ddev', 'Eeli', 'Ffay', 'Ggus']);
  });

  it('reads the list again when the joined count changes while the page is open', async () => {
    const event = buildEventView({ joinedCount: 1, version: 4 });
    let list: AttendeesResponse = { version: 4, joined: [buildAttendee({ name: 'ana' })], waitlisted: [] };
    const { api } = openEventPage(event, { attendees: () => json(200, list) });
    const section = await screen.findByRole('region', { name: 'Who’s going' });
    expect(await within(section).findByText('ana is going')).toBeInTheDocument();
    await waitFor(() => expect(socket.connected).toBe(true));

    list = { version: 5, joined: [...list.joined, buildAttendee({ name: 'ben' })], waitlisted: [] };
    socket.serverEmit('participation:changed', { eventId: event.id, joinedCount: 2, waitlistCount: 0, version: 5 });

    expect(await within(section).findByText('ana and ben are going')).toBeInTheDocument();
    expect(api.sent('GET', `/api/events/${event.id}/attendees`)).toHaveLength(2);
  });

  it('shows only the counts when the organizer keeps the list private, and does not ask for it', async () => {
    const event = buildEventView({ attendeesVisible: false, joinedCount: 12, capacity: 20 });
    const { api } = openEventPage(event);
    const section = await screen.findByRole('region', { name: 'Who’s going' });
    expect(within(section).getByText('The organizer keeps the guest list private.')).toBeInTheDocument();
    expect(within(section).getByText('12 of 20 going')).toBeInTheDocument();
    expect(within(section).queryByRole('img')).toBeNull();
    expect(api.sent('GET', `/api/events/${event.id}/attendees`)).toHaveLength(0);
  });

  it('says the list is private when it was hidden since the page was loaded', async () => {
    openEventPage(buildEventView(), { attendees: () => apiError(403, 'forbidden', 'The organizer keeps the guest list private.') });
    const section = await screen.findByRole('region', { name: 'Who’s going' });
    expect(await within(section).findByText('The organizer keeps the guest list private.')).toBeInTheDocument();
  });

  it('always shows the organizer the lists, with the waitlist, and that only they see them', async () => {
    const event = buildEventView({ organizerId: ORGANIZER_ID, attendeesVisible: false, joinedCount: 1, waitlistCount: 1 });
    const attendees = {
      version: event.version,
      joined: [buildAttendee({ name: 'ana' })],
      waitlisted: [{ ...buildAttendee({ name: 'ben' }), position: 1 }],
    };
    openEventPage(event, { me: buildMe({ id: ORGANIZER_ID, name: 'olivia', role: 'organizer' }), attendees: () => json(200, attendees) });
    const section = await screen.findByRole('region', { name: 'Who’s going' });
    expect(await within(section).findByText('Only you see who is going: you keep the guest list private.')).toBeInTheDocument();
    expect(within(section).getByRole('img', { name: 'ana' })).toHaveTextContent('A');
    expect(within(within(section).getByRole('region', { name: 'Waitlist' })).getByText(/ben/)).toBeInTheDocument();
  });
});

describe('adding the event to a calendar', () => {
  it('offers the .ics file, Google Calendar and Outlook, pointing back to the public page', async () => {
    const event = buildEventView({
      title: 'Quiz',
      startsAt: '2030-05-01T17:00:00.000Z',
      durationMinutes: 90,
      description: '*Teams* of four',
    });
    openEventPage(event);
    const google = await screen.findByRole('link', { name: 'Add to Google Calendar' });
    const url = new URL(google.getAttribute('href') ?? '');
    expect(url.origin + url.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(url.searchParams.get('dates')).toBe('20300501T170000Z/20300501T183000Z');
    expect(url.searchParams.get('details')).toBe(`Teams of four\n\n${window.location.origin}/e/${event.id}`);
    expect(url.searchParams.get('ctz')).toBe('Europe/Berlin');
    expect(google).toHaveAttribute('target', '_blank');
    expect(screen.getByRole('link', { name: 'Add to Outlook' }).getAttribute('href')).toMatch(
      /^https:\/\/outlook\.live\.com\/calendar\/0\/action\/compose\?subject=Quiz&startdt=2030-05-01T17%3A00%3A00Z&enddt=2030-05-01T18%3A30%3A00Z&/,
    );
    expect(screen.getByRole('link', { name: 'Download .ics file' })).toHaveAttribute('href', `/api/events/${event.id}/calendar.ics`);
  });
});
