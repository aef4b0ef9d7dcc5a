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
    const said = (row: HTMLElement) => [row.querySelector('span > span:last-child')?.textContent, row.querySelector('time')?.textContent];
    expect(rows.map(said)).toEqual([
      ['ana', 'just now'],
      ['ben', 'just now'],
      ['cleo', '2 hours ago'],
    ]);
    const time = within(rows[2] as HTMLElement).getByText('2 hours ago');
    expect(time.tagName).toBe('TIME');
    expect(time).toHaveAttribute('dateTime', earlier.since);
    expect(time).toHaveAttribute('title', expect.stringMatching(/\d{4}/));
  });

  it('show each person’s photo, or their initials when they have none', async () => {
    const eventId = '30000000-0000-4000-8000-000000000004';
    const withPhoto = buildAttendee({ name: 'ana', avatarUrl: '/api/images/5a0e7f4c-2b1d-4c3e-9a7b-2d5e8f0a1b3c' });
    const without = buildAttendee({ name: 'ben_ortiz', avatarUrl: null });
    mockApi().on('GET', `/api/events/${eventId}/attendees`, () => json(200, { version: 1, joined: [withPhoto, without], waitlisted: [] }));
    const { container } = renderPage(<AttendeeLists eventId={eventId} />);

    const going = await screen.findByRole('region', { name: 'Going' });
    const [first, second] = within(going).getAllByRole('listitem') as [HTMLElement, HTMLElement];
    expect(first.querySelector('img')).toHaveAttribute('src', withPhoto.avatarUrl);
    expect(second.querySelector('img')).toBeNull();
    expect(second).toHaveTextContent('BO');
    // The name is written beside it: the picture is not read out a second time.
    expect(container.querySelectorAll('img[alt]:not([alt=""])')).toHaveLength(0);
  });
});
