import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildEventView, buildUser, ORGANIZER_ID } from '../../test/builders';
import { apiError, json, mockApi } from '../../test/fetch-mock';
import { renderPage } from '../../test/render';
import { chooseTimeZone, shownTimeZone } from '../../test/time-zone-field';
import { EditEventPage } from './edit-event-page';
import { NewEventPage } from './new-event-page';

const organizer = buildUser({ id: ORGANIZER_ID, name: 'olivia', role: 'organizer' });

function renderNewEvent() {
  return renderPage(<NewEventPage />, { path: '/events/new', viewer: organizer });
}

describe('the new event form', () => {
  it('explains what is missing without calling the server', async () => {
    const api = mockApi();
    const { user } = renderNewEvent();
    await user.clear(screen.getByLabelText('Duration (minutes)'));
    await user.type(screen.getByLabelText('Capacity'), '0');
    await user.click(screen.getByRole('button', { name: 'Create event' }));

    expect(screen.getByLabelText('Title')).toHaveAccessibleDescription('Title is required');
    // The place may be left to be announced.
    expect(screen.getByLabelText('Location')).toBeValid();
    expect(screen.getByLabelText('Starts at')).toHaveAccessibleDescription(/Starts at is required/);
    expect(screen.getByLabelText('Duration (minutes)')).toHaveAccessibleDescription(/Duration is required/);
    expect(screen.getByLabelText('Capacity')).toHaveAccessibleDescription(/Capacity must be at least 1/);
    expect(screen.getByLabelText('Title')).toBeInvalid();
    expect(api.requests).toEqual([]);
  });

  it('sends the wall time as the UTC instant of the chosen zone, across a DST gap', async () => {
    const api = mockApi().on('POST', '/api/events', ({ body }) => json(201, { event: buildEventView({ ...(body as object) }) }));
    const { user, router } = renderNewEvent();
    await user.type(screen.getByLabelText('Title'), 'Spring forward party');
    await user.type(screen.getByLabelText('Location'), 'Berlin');
    await user.type(screen.getByLabelText('Starts at'), '2026-03-29T02:30');
    await chooseTimeZone(user, screen.getByLabelText('Time zone'), 'Europe/Berlin');
    await user.clear(screen.getByLabelText('Duration (minutes)'));
    await user.type(screen.getByLabelText('Duration (minutes)'), '90');
    await user.type(screen.getByLabelText('Capacity'), '25');
    await user.click(screen.getByRole('button', { name: 'Create event' }));

    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/events\/[0-9a-f-]{36}$/));
    expect(api.sent('POST', '/api/events')[0]?.body).toEqual({
      title: 'Spring forward party',
      description: '',
      locationType: 'venue',
      location: 'Berlin',
      onlineUrl: null,
      attendeesVisible: true,
      // 02:30 does not exist in Berlin that night: it is read as 03:30 CEST.
      startsAt: '2026-03-29T01:30:00.000Z',
      timezone: 'Europe/Berlin',
      durationMinutes: 90,
      capacity: 25,
      // The default reminders, 1 day and 1 hour before, in minutes.
      reminders: [1440, 60],
    });
  });

  it('shows the server’s field errors next to their fields', async () => {
    mockApi().on('POST', '/api/events', () =>
      apiError(400, 'validation_failed', 'Some fields are invalid.', {
        title: ['Title is taken today'],
        startsAt: ['Must be in the future'],
      }),
    );
    const { user } = renderNewEvent();
    await user.type(screen.getByLabelText('Title'), 'Dup');
    await user.type(screen.getByLabelText('Location'), 'Here');
    await user.type(screen.getByLabelText('Starts at'), '2030-01-01T10:00');
    await user.click(screen.getByRole('button', { name: 'Create event' }));

    await waitFor(() => expect(screen.getByLabelText('Title')).toHaveAccessibleDescription('Title is taken today'));
    expect(screen.getByLabelText('Starts at')).toHaveAccessibleDescription(/Must be in the future/);
  });
});

describe('the edit form', () => {
  it('opens with the start in the event’s own zone and saves only what changed, with the version', async () => {
    const event = buildEventView({
      organizerId: ORGANIZER_ID,
      title: 'Halloween run',
      startsAt: '2026-10-25T00:30:00.000Z',
      timezone: 'Europe/Berlin',
      capacity: 10,
      joinedCount: 8,
      version: 7,
    });
    const api = mockApi()
      .on('GET', `/api/events/${event.id}`, () => json(200, { event }))
      .on('PATCH', `/api/events/${event.id}`, () =>
        apiError(409, 'capacity_below_joined', 'Capacity cannot be below the 8 people already joined.'),
      );
    const { user } = renderPage(<EditEventPage />, { path: '/events/:id/edit', route: `/events/${event.id}/edit`, viewer: organizer });

    const startsAt = await screen.findByLabelText('Starts at');
    // 00:30 UTC is the first 02:30 of that night in Berlin (CEST).
    expect(startsAt).toHaveValue('2026-10-25T02:30');
    expect(shownTimeZone(screen.getByLabelText('Time zone'))).toBe('Europe/Berlin');

    await user.clear(screen.getByLabelText('Capacity'));
    await user.type(screen.getByLabelText('Capacity'), '5');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(screen.getByLabelText('Capacity')).toHaveAccessibleDescription(/Capacity cannot be below/));
    expect(api.sent('PATCH', `/api/events/${event.id}`)[0]?.body).toEqual({ capacity: 5, version: 7 });
    // A field's refusal is shown by the field, not as a form-wide alert.
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('sends the reminders, in minutes, only when they changed', async () => {
    const event = buildEventView({ organizerId: ORGANIZER_ID, reminders: [1440, 60], version: 3 });
    const api = mockApi()
      .on('GET', `/api/events/${event.id}`, () => json(200, { event }))
      .on('PATCH', `/api/events/${event.id}`, ({ body }) => json(200, { event: { ...event, ...(body as object), version: 4 } }));
    const { user, router } = renderPage(<EditEventPage />, {
      path: '/events/:id/edit',
      route: `/events/${event.id}/edit`,
      viewer: organizer,
    });

    await user.click(await screen.findByRole('button', { name: 'Remove reminder 2' }));
    await user.click(screen.getByRole('button', { name: '1 week' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(router.state.location.pathname).toBe(`/events/${event.id}`));
    expect(api.sent('PATCH', `/api/events/${event.id}`)[0]?.body).toEqual({ reminders: [10_080, 1440], version: 3 });
  });

  it('saves an edit again on the latest version when only joins changed the event meanwhile', async () => {
    const event = buildEventView({ organizerId: ORGANIZER_ID, title: 'Quiz night', capacity: 20, joinedCount: 3, version: 4 });
    const joinedMeanwhile = { ...event, joinedCount: 5, version: 6 };
    let patches = 0;
    const api = mockApi()
      .on('GET', `/api/events/${event.id}`, () => json(200, { event: patches === 0 ? event : joinedMeanwhile }))
      .on('PATCH', `/api/events/${event.id}`, (request) => {
        patches++;
        const body = request.body as { version: number };
        if (body.version !== joinedMeanwhile.version) return apiError(409, 'stale_version', 'This event was changed since you loaded it.');
        return json(200, { event: { ...joinedMeanwhile, title: 'Quiz night XL', version: 7 } });
      });
    const { user } = renderPage(<EditEventPage />, { path: '/events/:id/edit', route: `/events/${event.id}/edit`, viewer: organizer });

    const title = await screen.findByLabelText('Title');
    await user.clear(title);
    await user.type(title, 'Quiz night XL');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(api.sent('PATCH', `/api/events/${event.id}`)).toHaveLength(2));
    expect(api.sent('PATCH', `/api/events/${event.id}`).map((r) => r.body)).toEqual([
      { title: 'Quiz night XL', version: 4 },
      { title: 'Quiz night XL', version: 6 },
    ]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('refuses a save when someone else edited the event meanwhile, and offers the latest version', async () => {
    const event = buildEventView({ organizerId: ORGANIZER_ID, title: 'Quiz night', version: 4 });
    let patched = false;
    const api = mockApi()
      .on('GET', `/api/events/${event.id}`, () => json(200, { event: patched ? { ...event, location: 'Room 2', version: 5 } : event }))
      .on('PATCH', `/api/events/${event.id}`, () => {
        patched = true;
        return apiError(409, 'stale_version', 'This event was changed since you loaded it.');
      });
    const { user } = renderPage(<EditEventPage />, { path: '/events/:id/edit', route: `/events/${event.id}/edit`, viewer: organizer });

    const title = await screen.findByLabelText('Title');
    await user.type(title, '!');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('This event was changed since you loaded it.');
    expect(screen.getByRole('button', { name: 'Load latest version' })).toBeInTheDocument();
    expect(api.sent('PATCH', `/api/events/${event.id}`)).toHaveLength(1);
  });
});
