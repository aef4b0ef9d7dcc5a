import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildEventView, buildUser, ORGANIZER_ID } from '../../test/builders';
import { apiError, json, mockApi } from '../../test/fetch-mock';
import { renderPage } from '../../test/render';
import { EditEventPage } from './edit-event-page';

const organizer = buildUser({ id: ORGANIZER_ID, name: 'olivia', role: 'organizer' });

describe('an edit refused because someone else saved first', () => {
  it('loads the latest version under the organizer’s own edits, names those to review, and saves them on it', async () => {
    const opened = buildEventView({
      organizerId: ORGANIZER_ID,
      title: 'Quiz night',
      location: 'Room 1',
      description: 'Teams of four.',
      capacity: 20,
      version: 4,
    });
    // A co-host renamed it and moved it meanwhile.
    const theirs = { ...opened, title: 'Quiz night (moved)', location: 'Room 2', version: 5 };
    let saved = false;
    const api = mockApi()
      .on('GET', `/api/events/${opened.id}`, () => json(200, { event: saved ? theirs : opened }))
      .on('PATCH', `/api/events/${opened.id}`, ({ body }) => {
        if ((body as { version: number }).version !== theirs.version) {
          saved = true;
          return apiError(409, 'stale_version', 'This event was changed since you loaded it.');
        }
        return json(200, { event: { ...theirs, ...(body as object), version: 6 } });
      });
    const { user, router } = renderPage(<EditEventPage />, {
      path: '/events/:id/edit',
      route: `/events/${opened.id}/edit`,
      viewer: organizer,
    });

    const title = await screen.findByLabelText('Title');
    await user.clear(title);
    await user.type(title, 'Quiz night XL');
    await user.clear(screen.getByLabelText('Capacity'));
    await user.type(screen.getByLabelText('Capacity'), '30');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await user.click(await screen.findByRole('button', { name: 'Load latest version' }));

    // Their version underneath, the organizer's edits on top: nothing typed is lost.
    await waitFor(() => expect(screen.getByLabelText('Location')).toHaveValue('Room 2'));
    expect(screen.getByLabelText('Title')).toHaveValue('Quiz night XL');
    expect(screen.getByLabelText('Capacity')).toHaveValue(30);
    const review = screen.getByRole('region', { name: 'Loaded the latest version' });
    expect(review).toHaveFocus();
    // Each edit that differs from what was saved is named, with the saved value.
    const items = within(review).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringMatching(/^Title \(changed by them too\): yours “Quiz night XL”, saved “Quiz night \(moved\)”/),
      expect.stringMatching(/^Capacity: yours 30, saved 20/),
    ]);
    expect(screen.queryByRole('alert')).toBeNull();

    // The organizer keeps the saved title after all, and saves their capacity on the latest version.
    await user.click(within(review).getByRole('button', { name: 'Use saved title' }));
    expect(screen.getByLabelText('Title')).toHaveValue('Quiz night (moved)');
    expect(within(review).getAllByRole('listitem')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(router.state.location.pathname).toBe(`/events/${opened.id}`));
    expect(api.sent('PATCH', `/api/events/${opened.id}`).map((request) => request.body)).toEqual([
      { title: 'Quiz night XL', capacity: 30, version: 4 },
      { capacity: 30, version: 5 },
    ]);
  });

  it('says so when the latest version holds the organizer’s edits already', async () => {
    const opened = buildEventView({ organizerId: ORGANIZER_ID, title: 'Quiz night', version: 4 });
    const theirs = { ...opened, title: 'Quiz night XL', location: 'Room 9', version: 5 };
    let saved = false;
    mockApi()
      .on('GET', `/api/events/${opened.id}`, () => json(200, { event: saved ? theirs : opened }))
      .on('PATCH', `/api/events/${opened.id}`, () => {
        saved = true;
        return apiError(409, 'stale_version', 'This event was changed since you loaded it.');
      });
    const { user } = renderPage(<EditEventPage />, { path: '/events/:id/edit', route: `/events/${opened.id}/edit`, viewer: organizer });

    const title = await screen.findByLabelText('Title');
    await user.type(title, ' XL');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await user.click(await screen.findByRole('button', { name: 'Load latest version' }));

    await waitFor(() => expect(screen.getByLabelText('Location')).toHaveValue('Room 9'));
    expect(screen.getByLabelText('Title')).toHaveValue('Quiz night XL');
    expect(screen.getByRole('region', { name: 'Loaded the latest version' })).toHaveTextContent(
      'None of your changes differ from what they saved.',
    );
  });
});
