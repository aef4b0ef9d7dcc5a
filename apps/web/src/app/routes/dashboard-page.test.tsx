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
});
