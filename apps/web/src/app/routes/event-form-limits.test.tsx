import { screen, waitFor } from '@testing-library/react';
import { EVENT_DESCRIPTION_MAX, EVENT_TITLE_MAX } from '@turnout/contracts';
import { describe, expect, it } from 'vitest';
import { buildUser, ORGANIZER_ID } from '../../test/builders';
import { apiError, mockApi } from '../../test/fetch-mock';
import { renderPage } from '../../test/render';
import { NewEventPage } from './new-event-page';

const organizer = buildUser({ id: ORGANIZER_ID, name: 'olivia', role: 'organizer' });

function renderNewEvent() {
  return renderPage(<NewEventPage />, { path: '/events/new', viewer: organizer });
}

describe('the event form’s length limits', () => {
  it('counts a title near its limit, keeps one past it whole, and refuses to send it', async () => {
    const api = mockApi();
    const { user } = renderNewEvent();
    const title = screen.getByLabelText('Title');

    await user.click(title);
    await user.paste('a'.repeat(EVENT_TITLE_MAX - 30));
    expect(screen.queryByText(/\/120/)).toBeNull();
    await user.paste('b'.repeat(28));
    expect(title).toHaveAccessibleDescription(/^118\/120/);

    // A long title pasted in is kept whole: the count says by how much it is too long.
    await user.paste(' and then some');
    expect(title).toHaveValue(`${'a'.repeat(90)}${'b'.repeat(28)} and then some`);
    expect(screen.getByText('132/120 · 12 characters too many')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Location'), 'Hall');
    await user.type(screen.getByLabelText('Starts at'), '2030-01-01T10:00');
    await user.click(screen.getByRole('button', { name: 'Create event' }));
    expect(title).toBeInvalid();
    expect(title).toHaveAccessibleDescription(/^Title must be at most 120 characters/);
    expect(title).toHaveFocus();
    expect(api.requests).toEqual([]);
  });

  it('counts the description near its limit', async () => {
    mockApi();
    const { user } = renderNewEvent();
    const description = screen.getByLabelText('Description');
    await user.click(description);
    await user.paste('x'.repeat(EVENT_DESCRIPTION_MAX - 10));
    expect(description).toHaveAccessibleDescription(/4990\/5000/);
    await user.paste('y'.repeat(12));
    expect(screen.getByText('5002/5000 · 2 characters too many')).toBeInTheDocument();
  });

  it('shows the server’s own refusal of a title that passed the form', async () => {
    const api = mockApi().on('POST', '/api/events', () =>
      apiError(400, 'validation_failed', 'Some fields are invalid.', { title: ['Title must be plain text on one line'] }),
    );
    const { user } = renderNewEvent();
    await user.type(screen.getByLabelText('Title'), 'Board games');
    await user.type(screen.getByLabelText('Location'), 'Hall');
    await user.type(screen.getByLabelText('Starts at'), '2030-01-01T10:00');
    await user.click(screen.getByRole('button', { name: 'Create event' }));

    await waitFor(() => expect(screen.getByLabelText('Title')).toHaveAccessibleDescription(/Title must be plain text on one line/));
    expect(api.sent('POST', '/api/events')).toHaveLength(1);
  });
});
