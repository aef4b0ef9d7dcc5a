import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildAttendee } from '../../../test/builders';
import { json, mockApi } from '../../../test/fetch-mock';
import { renderPage } from '../../../test/render';
import { AttendeeLists } from './attendee-lists';

const secondsAgo = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();

describe('the attendee lists', () => {
  it('say “just now” for who joined under a minute ago, and how long ago for the others, with the exact time kept', async () => {
    const eventId = '30000000-0000-4000-8000-000000000003';
    const fresh = buildAttendee({ name: 'ana', since: secondsAgo(5) });
    // A clock a little behind the server's sees a join from "the future".
    const ahead = buildAttendee({ name: 'ben', since: secondsAgo(-3) });
    const earlier = buildAttendee({ name: 'cleo', since: secondsAgo(2 * 3600) });
    mockApi().on('GET', `/api/events/${eventId}/attendees`, () =>
      json(200, { version: 4, joined: [fresh, ahead, earlier], waitlisted: [{ ...buildAttendee({ name: 'dev' }), position: 1 }] }),
    );
    renderPage(<AttendeeLists eventId={eventId} />);

    const going = await screen.findByRole('region', { name: 'Going' });
    const rows = within(going).getAllByRole('listitem');
    expect(rows.map((row) => row.textContent)).toEqual(['anajust now', 'benjust now', 'cleo2 hours ago']);
    const time = within(rows[2] as HTMLElement).getByText('2 hours ago');
    expect(time.tagName).toBe('TIME');
    expect(time).toHaveAttribute('dateTime', earlier.since);
    expect(time).toHaveAttribute('title', expect.stringMatching(/\d{4}/));
  });
});
