import { screen, waitFor, within } from '@testing-library/react';
import type { JoinResponse } from '@turnout/contracts';
import { describe, expect, it } from 'vitest';
import { buildEventView, buildPage, buildUser, ORGANIZER_ID } from '../../test/builders';
import { apiError, deferred, json, mockApi } from '../../test/fetch-mock';
import { renderPage } from '../../test/render';
import { DashboardPage } from './dashboard-page';

const first = buildEventView({ title: 'Board games night', startsAt: '2030-01-10T18:00:00.000Z' });
const second = buildEventView({ title: 'Sunday hike', startsAt: '2030-01-12T08:00:00.000Z', capacity: 2, joinedCount: 2 });
const third = buildEventView({ title: 'Photo walk', startsAt: '2030-02-01T10:00:00.000Z' });

const OTHER_ORGANIZER_ID = '30000000-0000-4000-8000-000000000003';

describe('the joiner’s dashboard', () => {
  it('lists events with their titles as links, and loads more on request', async () => {
    const api = mockApi().on('GET', '/api/events', ({ url }) =>
      json(200, url.searchParams.get('cursor') === 'c2' ? buildPage([third]) : buildPage([first, second], 'c2')),
    );
    const { user } = renderPage(<DashboardPage />);

    const list = await screen.findByRole('list', { name: 'Events' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getByRole('link', { name: 'Board games night' })).toHaveAttribute('href', `/events/${first.id}`);
    expect(api.requests[0]?.url.searchParams.get('when')).toBe('upcoming');

    await user.click(screen.getByRole('button', { name: 'Load more' }));

    expect(await screen.findByRole('link', { name: 'Photo walk' })).toBeInTheDocument();
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('offers Join or Join waitlist, and flips to Leave at once', async () => {
    const answer = deferred<Response>();
    const api = mockApi()
      .on('GET', '/api/events', () => json(200, buildPage([first, second])))
      .on('PUT', `/api/events/${first.id}/participation`, () => answer.promise);
    const { user } = renderPage(<DashboardPage />);

    const hike = (await screen.findByRole('link', { name: 'Sunday hike' })).closest('article') as HTMLElement;
    expect(within(hike).getByRole('button', { name: 'Join waitlist' })).toBeInTheDocument();
    expect(within(hike).getByText('Full')).toBeInTheDocument();

    const games = screen.getByRole('link', { name: 'Board games night' }).closest('article') as HTMLElement;
    await user.click(within(games).getByRole('button', { name: 'Join' }));
    // Before the server answers: Leave is shown but unavailable, and keeps the focus of the press.
    const leave = await within(games).findByRole('button', { name: 'Leave' });
    expect(leave).toHaveAttribute('aria-disabled', 'true');
    expect(leave).toHaveFocus();
    expect(within(games).getByText('Joined')).toBeInTheDocument();
    await user.click(leave);
    expect(api.sent('PUT', `/api/events/${first.id}/participation`)).toHaveLength(1);
    expect(api.sent('DELETE', `/api/events/${first.id}/participation`)).toHaveLength(0);

    const joined: JoinResponse = {
      participation: { status: 'joined' },
      event: { ...first, joinedCount: first.joinedCount + 1, version: 2, myParticipation: { status: 'joined' } },
    };
    answer.resolve(json(200, joined));
    await waitFor(() => expect(within(games).getByText(/4 of 50 going/)).toBeInTheDocument());
    expect(within(games).getByRole('button', { name: 'Leave' })).not.toHaveAttribute('aria-disabled');
  });

  it('guesses the waitlist at once for a full event, and takes the server’s place in line', async () => {
    const answer = deferred<Response>();
    mockApi()
      .on('GET', '/api/events', () => json(200, buildPage([second])))
      .on('PUT', `/api/events/${second.id}/participation`, () => answer.promise);
    const { user } = renderPage(<DashboardPage />);

    const hike = (await screen.findByRole('link', { name: 'Sunday hike' })).closest('article') as HTMLElement;
    await user.click(within(hike).getByRole('button', { name: 'Join waitlist' }));
    expect(await within(hike).findByText('Waitlisted')).toBeInTheDocument();
    expect(within(hike).queryByText('Joined')).toBeNull();

    const waiting: JoinResponse = {
      participation: { status: 'waitlisted', position: 3 },
      event: { ...second, waitlistCount: 3, version: 2, myParticipation: { status: 'waitlisted', position: 3 } },
    };
    answer.resolve(json(200, waiting));
    expect(await within(hike).findByText('Waitlist #3')).toBeInTheDocument();
  });

  it('rolls a refused join back and says why', async () => {
    mockApi()
      .on('GET', '/api/events', () => json(200, buildPage([first])))
      .on('PUT', `/api/events/${first.id}/participation`, () => apiError(409, 'event_ended', 'This event has already ended.'));
    const { user } = renderPage(<DashboardPage />);

    await user.click(await screen.findByRole('button', { name: 'Join' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('This event has already ended.');
    expect(screen.getByRole('button', { name: 'Join' })).not.toHaveAttribute('aria-disabled');
    expect(screen.queryByText('Joined')).toBeNull();
  });

  it('lists the events they joined under ?show=mine, and all of them again on All events', async () => {
    const api = mockApi().on('GET', '/api/events', ({ url }) =>
      json(200, buildPage(url.searchParams.get('joined') ? [first] : [first, second])),
    );
    const { user, router } = renderPage(<DashboardPage />, { route: '/?show=mine' });

    const list = await screen.findByRole('list', { name: 'My events' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(api.requests[0]?.url.searchParams.get('joined')).toBe('1');
    expect(api.requests[0]?.url.searchParams.get('mine')).toBeNull();
    expect(screen.queryByRole('radio', { name: 'Hosting' })).toBeNull();

    await user.click(screen.getByRole('radio', { name: 'All events' }));
    expect(await screen.findByRole('list', { name: 'Events' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('');
    expect(api.requests.at(-1)?.url.searchParams.get('joined')).toBeNull();
  });

  it('says so when nothing matches a search', async () => {
    mockApi().on('GET', '/api/events', () => json(200, buildPage([])));
    renderPage(<DashboardPage />, { route: '/?q=zzz' });
    expect(await screen.findByRole('heading', { name: 'No events match “zzz”' })).toBeInTheDocument();
  });
});

describe('the organizer’s dashboard', () => {
  it('lists only their events, with New event, Edit and a confirmed Delete event', async () => {
    const mine = buildEventView({ title: 'My workshop', organizerId: ORGANIZER_ID });
    const api = mockApi()
      .on('GET', '/api/events', () => json(200, buildPage([mine])))
      .on('DELETE', `/api/events/${mine.id}`, () => json(204, null));
    const { user } = renderPage(<DashboardPage />, { viewer: buildUser({ id: ORGANIZER_ID, role: 'organizer' }) });

    await screen.findByRole('link', { name: 'My workshop' });
    expect(api.requests[0]?.url.searchParams.get('mine')).toBe('1');
    expect(api.requests[0]?.url.searchParams.get('joined')).toBeNull();
    expect(screen.getByRole('heading', { level: 1, name: 'Your events' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Hosting' })).toBeChecked();
    expect(screen.getByRole('link', { name: 'New event' })).toHaveAttribute('href', '/events/new');
    expect(screen.getByRole('link', { name: 'Edit' })).toHaveAttribute('href', `/events/${mine.id}/edit`);
    expect(screen.queryByRole('button', { name: 'Join' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Delete event' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete “My workshop”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete event' }));

    await waitFor(() => expect(screen.queryByRole('link', { name: 'My workshop' })).toBeNull());
    expect(api.sent('DELETE', `/api/events/${mine.id}`)).toHaveLength(1);
    expect(screen.getByRole('heading', { name: 'No upcoming events' })).toBeInTheDocument();
  });

  it('shows the events they are going to, with Leave on another organizer’s events', async () => {
    const going = buildEventView({ title: 'Sunday hike', organizerId: OTHER_ORGANIZER_ID, myParticipation: { status: 'joined' } });
    const waiting = buildEventView({
      title: 'Photo walk',
      organizerId: OTHER_ORGANIZER_ID,
      myParticipation: { status: 'waitlisted', position: 2 },
    });
    const mine = buildEventView({ title: 'My workshop', organizerId: ORGANIZER_ID });
    const api = mockApi().on('GET', '/api/events', ({ url }) =>
      json(200, buildPage(url.searchParams.get('joined') === '1' ? [going, waiting] : [mine])),
    );
    const { user, router } = renderPage(<DashboardPage />, { viewer: buildUser({ id: ORGANIZER_ID, role: 'organizer' }) });
    await screen.findByRole('link', { name: 'My workshop' });

    await user.click(screen.getByRole('radio', { name: 'Going' }));

    const list = await screen.findByRole('list', { name: 'Events you’re going to' });
    const last = api.requests.at(-1);
    expect(last?.url.searchParams.get('joined')).toBe('1');
    expect(last?.url.searchParams.get('mine')).toBeNull();
    expect(router.state.location.search).toBe('?show=going');
    expect(screen.getByRole('heading', { level: 1, name: 'Events you’re going to' })).toBeInTheDocument();
    const hike = within(list).getByRole('link', { name: 'Sunday hike' }).closest('article') as HTMLElement;
    expect(within(hike).getByRole('button', { name: 'Leave' })).toBeInTheDocument();
    const walk = within(list).getByRole('link', { name: 'Photo walk' }).closest('article') as HTMLElement;
    expect(within(walk).getByRole('button', { name: 'Leave waitlist' })).toBeInTheDocument();
    expect(within(list).queryByRole('link', { name: 'Edit' })).toBeNull();
  });

  it('shows all events, with Edit on their own and Join on the others, from ?show=all', async () => {
    const mine = buildEventView({ title: 'My workshop', organizerId: ORGANIZER_ID });
    const theirs = buildEventView({ title: 'Board games night', organizerId: OTHER_ORGANIZER_ID });
    const api = mockApi().on('GET', '/api/events', () => json(200, buildPage([mine, theirs])));
    renderPage(<DashboardPage />, { route: '/?show=all', viewer: buildUser({ id: ORGANIZER_ID, role: 'organizer' }) });

    const list = await screen.findByRole('list', { name: 'Events' });
    expect(api.requests[0]?.url.searchParams.get('mine')).toBeNull();
    expect(api.requests[0]?.url.searchParams.get('joined')).toBeNull();
    expect(screen.getByRole('radio', { name: 'All events' })).toBeChecked();
    const workshop = within(list).getByRole('link', { name: 'My workshop' }).closest('article') as HTMLElement;
    expect(within(workshop).getByRole('link', { name: 'Edit' })).toBeInTheDocument();
    expect(within(workshop).queryByRole('button', { name: 'Join' })).toBeNull();
    const games = within(list).getByRole('link', { name: 'Board games night' }).closest('article') as HTMLElement;
    expect(within(games).getByRole('button', { name: 'Join' })).toBeInTheDocument();
    expect(within(games).queryByRole('link', { name: 'Edit' })).toBeNull();
  });

  it('says when they have joined nothing yet, and offers all events', async () => {
    const theirs = buildEventView({ title: 'Board games night', organizerId: OTHER_ORGANIZER_ID });
    const api = mockApi().on('GET', '/api/events', ({ url }) => json(200, buildPage(url.searchParams.get('joined') ? [] : [theirs])));
    const { user, router } = renderPage(<DashboardPage />, {
      route: '/?show=going',
      viewer: buildUser({ id: ORGANIZER_ID, role: 'organizer' }),
    });

    expect(await screen.findByRole('heading', { name: 'You haven’t joined any events yet' })).toBeInTheDocument();
    expect(api.requests[0]?.url.searchParams.get('joined')).toBe('1');
    await user.click(screen.getByRole('button', { name: 'Show all events' }));

    expect(await screen.findByRole('link', { name: 'Board games night' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?show=all');
    expect(api.requests.at(-1)?.url.searchParams.get('joined')).toBeNull();
  });
});
