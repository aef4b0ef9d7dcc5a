import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildEventView, buildUser, ORGANIZER_ID } from '../../../test/builders';
import { json, mockApi } from '../../../test/fetch-mock';
import { renderPage } from '../../../test/render';
import { DeleteEventButton } from './delete-event-button';

const organizer = buildUser({ id: ORGANIZER_ID, role: 'organizer' });

describe('the delete confirmation', () => {
  it('gives the number of people the server will tell, who left included, not the joined and waiting', async () => {
    // 3 joined and 1 waiting, and one more who left: the server tells 5.
    const event = buildEventView({ title: 'Picnic', organizerId: ORGANIZER_ID, joinedCount: 3, waitlistCount: 1 });
    mockApi().on('GET', `/api/events/${event.id}/deletion`, () => json(200, { notifiedCount: 5 }));
    const { user } = renderPage(<DeleteEventButton event={event} />, { viewer: organizer });

    await user.click(screen.getByRole('button', { name: 'Delete event' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete “Picnic”?' });
    expect(
      await within(dialog).findByText(
        '5 people will be told it was cancelled: everyone joined or waiting, and those who left. This cannot be undone.',
      ),
    ).toBeInTheDocument();
  });

  it('says nobody is told when the server tells nobody (an event that has ended)', async () => {
    const event = buildEventView({ title: 'Picnic', organizerId: ORGANIZER_ID, joinedCount: 2 });
    mockApi().on('GET', `/api/events/${event.id}/deletion`, () => json(200, { notifiedCount: 0 }));
    const { user } = renderPage(<DeleteEventButton event={event} />, { viewer: organizer });

    await user.click(screen.getByRole('button', { name: 'Delete event' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete “Picnic”?' });
    expect(await within(dialog).findByText('Nobody will be told. This cannot be undone.')).toBeInTheDocument();
  });
});
