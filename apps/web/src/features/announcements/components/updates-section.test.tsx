import { screen, waitFor, within } from '@testing-library/react';
import { ANNOUNCEMENT_BODY_MAX, type AnnouncementListResponse, type EventView } from '@turnout/contracts';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '../../../lib/query-keys';
import { buildAnnouncement, buildEventView, buildUser, ORGANIZER_ID } from '../../../test/builders';
import { apiError, deferred, json, mockApi } from '../../../test/fetch-mock';
import { renderPage } from '../../../test/render';
import { UpdatesSection } from './updates-section';

const organizer = buildUser({ id: ORGANIZER_ID, name: 'olivia', role: 'organizer' });

function renderUpdates(event: EventView, isOrganizer: boolean) {
  return renderPage(<UpdatesSection event={event} isOrganizer={isOrganizer} />, { viewer: isOrganizer ? organizer : buildUser() });
}

const path = (event: EventView) => `/api/events/${event.id}/announcements`;
/** A number as the test runtime's locale (en-US) groups it: 2000 → "2,000". */
const grouped = (n: number) => n.toLocaleString('en-US');
const feed = () => screen.getByRole('list', { name: 'Updates from the organizer' });

describe('the updates of an event', () => {
  it('shows a joined attendee the updates, newest first, as text with its line breaks, without the organizer’s details', async () => {
    const event = buildEventView({ myParticipation: { status: 'joined' } });
    const newest = buildAnnouncement({
      eventId: event.id,
      body: 'Doors at 18:30.\nBring a jacket.',
      createdAt: '2026-01-03T09:00:00.000Z',
    });
    const markup = buildAnnouncement({ eventId: event.id, body: '<img src=x onerror=alert(1)> <b>not bold</b>' });
    mockApi().on('GET', path(event), () => json(200, { items: [newest, markup] }));
    const { container } = renderUpdates(event, false);

    expect(await screen.findByRole('heading', { name: 'Updates' })).toBeInTheDocument();
    const items = within(await screen.findByRole('list', { name: 'Updates from the organizer' })).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    const body = within(items[0] as HTMLElement).getByText(/Doors at 18:30/);
    expect(body.textContent).toBe('Doors at 18:30.\nBring a jacket.');
    expect(within(items[0] as HTMLElement).getByText('olivia')).toBeInTheDocument();
    expect(within(items[0] as HTMLElement).getByText((_, el) => el?.tagName === 'TIME')).toHaveAttribute('datetime', newest.createdAt);
    // Markup in a body is shown as the characters typed, never as elements.
    expect(within(items[1] as HTMLElement).getByText(markup.body)).toBeInTheDocument();
    expect(container.querySelector('img, b')).toBeNull();
    expect(screen.queryByText(/^To:/)).toBeNull();
    expect(screen.queryByRole('form', { name: 'Post an update' })).toBeNull();
  });

  it('shows nothing to a viewer who is not on the event, without asking, nor to one the server refuses', async () => {
    const stranger = buildEventView({ myParticipation: null });
    const api = mockApi();
    const first = renderUpdates(stranger, false);
    expect(screen.queryByRole('heading', { name: 'Updates' })).toBeNull();
    expect(api.requests).toEqual([]);
    first.unmount();

    const waiting = buildEventView({ myParticipation: { status: 'waitlisted', position: 2 } });
    api.on('GET', path(waiting), () => apiError(403, 'forbidden', 'Only people on this event can read its updates.'));
    renderUpdates(waiting, false);
    await waitFor(() => expect(api.sent('GET', path(waiting))).toHaveLength(1));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Updates' })).toBeNull());
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('lets the organizer post to a chosen audience once, however often Post is pressed, and shows it at the top at once', async () => {
    const event = buildEventView({ organizerId: ORGANIZER_ID, joinedCount: 2, waitlistCount: 1 });
    const older = buildAnnouncement({ eventId: event.id, body: 'Welcome!', audience: 'all', recipientCount: 3 });
    const answer = deferred<Response>();
    const api = mockApi()
      .on('GET', path(event), () => json(200, { items: [older] }))
      .on('POST', path(event), () => answer.promise);
    const { user, client } = renderUpdates(event, true);

    expect(await screen.findByText('To: everyone · sent to 3 people')).toBeInTheDocument();
    const form = screen.getByRole('form', { name: 'Post an update' });
    const message = within(form).getByLabelText('Message');
    expect(message).toHaveAccessibleDescription(`0 / ${grouped(ANNOUNCEMENT_BODY_MAX)} characters`);
    expect(within(form).getByText('3 people now')).toBeInTheDocument();

    await user.type(message, 'Room changed{Enter}Now in 2.14');
    expect(message).toHaveAccessibleDescription(`24 / ${grouped(ANNOUNCEMENT_BODY_MAX)} characters`);
    await user.click(within(form).getByRole('radio', { name: 'Joined' }));
    expect(within(form).getByText('2 people now')).toBeInTheDocument();
    const post = within(form).getByRole('button', { name: 'Post' });
    await user.dblClick(post);
    await user.click(post);
    expect(api.sent('POST', path(event)).map((r) => r.body)).toEqual([{ body: 'Room changed\nNow in 2.14', audience: 'joined' }]);

    const created = buildAnnouncement({ eventId: event.id, body: 'Room changed\nNow in 2.14', audience: 'joined', recipientCount: 2 });
    answer.resolve(json(201, { announcement: created }));
    expect(await within(form).findByText('Posted. Sent to 2 people.')).toHaveAttribute('role', 'status');
    expect(message).toHaveValue('');
    expect(within(feed()).getAllByRole('listitem')[0]).toHaveTextContent('To: joined · sent to 2 people');
    expect(client.getQueryData<AnnouncementListResponse>(queryKeys.announcements(event.id))?.items.map((a) => a.id)).toEqual([
      created.id,
      older.id,
    ]);
    expect(api.sent('GET', path(event))).toHaveLength(1);
  });

  it('says how many an hour may go and when the next can, when the server refuses a seventh (429)', async () => {
    const event = buildEventView({ organizerId: ORGANIZER_ID });
    mockApi()
      .on('GET', path(event), () => json(200, { items: [] }))
      .on('POST', path(event), () =>
        apiError(429, 'rate_limited', 'This event sent its announcements for this hour.', undefined, { 'retry-after': '1500' }),
      );
    const { user } = renderUpdates(event, true);
    expect(await screen.findByText(/No updates yet/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('Message'), 'One more thing');
    await user.click(screen.getByRole('button', { name: 'Post' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('You can send 6 announcements per hour; try again in 25 minutes.');
    expect(screen.getByLabelText('Message')).toHaveValue('One more thing');
  });

  it('refuses an empty or too long message on the field, and shows the server’s field errors there', async () => {
    const event = buildEventView({ organizerId: ORGANIZER_ID });
    const api = mockApi()
      .on('GET', path(event), () => json(200, { items: [] }))
      .on('POST', path(event), () => apiError(400, 'validation_failed', 'Some fields are invalid.', { body: ['Must be plain text'] }));
    const { user } = renderUpdates(event, true);
    const message = await screen.findByLabelText('Message');

    await user.click(screen.getByRole('button', { name: 'Post' }));
    expect(message).toHaveAccessibleDescription(expect.stringContaining('Write something to announce'));
    expect(message).toHaveFocus();

    await user.click(message);
    await user.paste('x'.repeat(ANNOUNCEMENT_BODY_MAX + 5));
    expect(message).toHaveAccessibleDescription(
      expect.stringContaining(`${grouped(ANNOUNCEMENT_BODY_MAX + 5)} / ${grouped(ANNOUNCEMENT_BODY_MAX)} characters (5 too many)`),
    );
    await user.click(screen.getByRole('button', { name: 'Post' }));
    expect(message).toHaveAccessibleDescription(expect.stringContaining(`at most ${ANNOUNCEMENT_BODY_MAX} characters`));
    expect(api.sent('POST', path(event))).toEqual([]);

    await user.clear(message);
    await user.type(message, 'Hello');
    await user.click(screen.getByRole('button', { name: 'Post' }));
    await waitFor(() => expect(message).toHaveAccessibleDescription(expect.stringContaining('Must be plain text')));
  });
});
