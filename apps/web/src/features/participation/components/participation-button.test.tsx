import { screen, waitFor, within } from '@testing-library/react';
import type { EventView } from '@turnout/contracts';
import type { ComponentType } from 'react';
import { describe, expect, it } from 'vitest';
import { buildEventView } from '../../../test/builders';
import { json, mockApi } from '../../../test/fetch-mock';
import { renderPage } from '../../../test/render';
import { ParticipationActions } from './participation-actions';
import { ParticipationPanel } from './participation-panel';

const places: [string, ComponentType<{ event: EventView }>][] = [
  ['an event card', ParticipationActions],
  ['the event page', ParticipationPanel],
];

function renderLeave(Place: ComponentType<{ event: EventView }>, event: EventView) {
  const api = mockApi().on('DELETE', `/api/events/${event.id}/participation`, () =>
    json(200, { event: { ...event, myParticipation: null } }),
  );
  const view = renderPage(<Place event={event} />);
  const left = () => api.sent('DELETE', `/api/events/${event.id}/participation`);
  return { ...view, left };
}

describe.each(places)('leaving, on %s', (_where, Place) => {
  it('offers a waitlisted viewer “Leave waitlist”, and leaves without asking', async () => {
    const event = buildEventView({ capacity: 3, joinedCount: 3, waitlistCount: 2, myParticipation: { status: 'waitlisted', position: 2 } });
    const { user, left } = renderLeave(Place, event);
    expect(screen.queryByRole('button', { name: 'Leave' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Leave waitlist' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(left()).toHaveLength(1));
  });

  it('asks a joined viewer first when their seat goes to the next person on the waitlist', async () => {
    const event = buildEventView({ title: 'Quiz', capacity: 3, joinedCount: 3, waitlistCount: 1, myParticipation: { status: 'joined' } });
    const { user, left } = renderLeave(Place, event);
    await user.click(screen.getByRole('button', { name: 'Leave' }));
    let dialog = screen.getByRole('dialog', { name: 'Leave “Quiz”?' });
    expect(dialog).toHaveTextContent('Your seat will go to the next person on the waitlist.');
    await user.click(within(dialog).getByRole('button', { name: 'Stay' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(left()).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Leave' }));
    dialog = screen.getByRole('dialog', { name: 'Leave “Quiz”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Give up my seat' }));
    await waitFor(() => expect(left()).toHaveLength(1));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('lets a joined viewer leave at once when nobody is waiting', async () => {
    const event = buildEventView({ capacity: 3, joinedCount: 2, waitlistCount: 0, myParticipation: { status: 'joined' } });
    const { user, left } = renderLeave(Place, event);
    await user.click(screen.getByRole('button', { name: 'Leave' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(left()).toHaveLength(1));
  });
});
