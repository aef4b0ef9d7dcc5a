import { describe, expect, it } from 'vitest';
import {
  type CalendarEvent,
  calendarDetails,
  googleCalendarUrl,
  outlookCalendarUrl,
  plainTextExcerpt,
  publicEventUrl,
  utcStamp,
} from './calendar-links';

const PAGE = 'https://turnout.example/e/7b0c1d2e-0000-4000-8000-000000000001';
const event: CalendarEvent = {
  id: '7b0c1d2e-0000-4000-8000-000000000001',
  title: 'Quiz & pizza: round #2',
  description: '**Teams** of four.\nBring a pen.',
  locationType: 'venue',
  location: 'Café Müller, Room 1/2',
  // 19:00 in Berlin (CEST) for 2½ hours.
  startsAt: '2030-05-01T17:00:00.000Z',
  endsAt: '2030-05-01T19:30:00.000Z',
  timezone: 'Europe/Berlin',
};

describe('the UTC stamps', () => {
  it('writes an instant as YYYYMMDDTHHMMSSZ in UTC, whatever offset it was written with', () => {
    expect(utcStamp('2030-05-01T17:00:00.000Z')).toBe('20300501T170000Z');
    expect(utcStamp('2030-05-01T19:05:09+02:00')).toBe('20300501T170509Z');
    expect(utcStamp('2030-12-31T23:30:00-01:00')).toBe('20310101T003000Z');
  });
});

describe('Google Calendar', () => {
  it('builds the template link with the start, the end, the zone and the encoded texts', () => {
    expect(googleCalendarUrl(event, PAGE)).toBe(
      'https://calendar.google.com/calendar/render?action=TEMPLATE' +
        '&text=Quiz%20%26%20pizza%3A%20round%20%232' +
        '&dates=20300501T170000Z/20300501T193000Z' +
        `&details=Teams%20of%20four.%0ABring%20a%20pen.%0A%0A${encodeURIComponent(PAGE)}` +
        '&location=Caf%C3%A9%20M%C3%BCller%2C%20Room%201%2F2' +
        '&ctz=Europe%2FBerlin',
    );
  });

  it('ends when the event ends, across midnight and a day', () => {
    const url = new URL(googleCalendarUrl({ ...event, startsAt: '2030-05-01T22:00:00.000Z', endsAt: '2030-05-03T01:00:00.000Z' }, PAGE));
    expect(url.searchParams.get('dates')).toBe('20300501T220000Z/20300503T010000Z');
  });

  it('names an online event by its label or “Online”, never by its join link, and a place still to come as such', () => {
    const online = { ...event, locationType: 'online' as const, location: '' };
    expect(new URL(googleCalendarUrl(online, PAGE)).searchParams.get('location')).toBe('Online');
    expect(new URL(googleCalendarUrl({ ...online, location: 'Zoom' }, PAGE)).searchParams.get('location')).toBe('Zoom');
    expect(new URL(googleCalendarUrl({ ...event, location: '' }, PAGE)).searchParams.get('location')).toBe('Place to be announced');
  });
});

describe('Outlook', () => {
  it('builds the compose link with ISO instants in UTC', () => {
    expect(outlookCalendarUrl(event, PAGE)).toBe(
      'https://outlook.live.com/calendar/0/action/compose?subject=Quiz%20%26%20pizza%3A%20round%20%232' +
        '&startdt=2030-05-01T17%3A00%3A00Z&enddt=2030-05-01T19%3A30%3A00Z' +
        `&body=Teams%20of%20four.%0ABring%20a%20pen.%0A%0A${encodeURIComponent(PAGE)}` +
        '&location=Caf%C3%A9%20M%C3%BCller%2C%20Room%201%2F2',
    );
    const url = new URL(outlookCalendarUrl(event, PAGE));
    expect(url.searchParams.get('startdt')).toBe('2030-05-01T17:00:00Z');
    expect(url.searchParams.get('enddt')).toBe('2030-05-01T19:30:00Z');
  });
});

describe('the details', () => {
  it('are the description as plain text, then the public page', () => {
    expect(calendarDetails(event, PAGE)).toBe(`Teams of four.\nBring a pen.\n\n${PAGE}`);
    expect(calendarDetails({ description: '' }, PAGE)).toBe(PAGE);
    expect(publicEventUrl(event.id, 'https://turnout.example')).toBe(PAGE);
  });

  it('drop Markdown and HTML, keeping link addresses', () => {
    expect(
      plainTextExcerpt(
        '# Plan\n\n> Note\n\n* **Bold** and *it* and _under_ and ~~gone~~\n* `code` in snake_case_name\n\n' +
          '[Tickets](https://t.example/a "T") <https://x.example> ![pic](https://i.example/p.png) <b onclick="x">hi</b>',
      ),
    ).toBe(
      'Plan\n\nNote\n\n- Bold and it and under and gone\n- code in snake_case_name\n\nTickets (https://t.example/a) https://x.example pic hi',
    );
  });

  it('never write out an address the page would not link', () => {
    expect(plainTextExcerpt('[Click](javascript:alert(1)) and [mail](mailto:a@b.example)')).toBe('Click and mail (mailto:a@b.example)');
  });

  it('are cut at a word, with an ellipsis, past 300 characters', () => {
    const long = `${'word '.repeat(100)}end`;
    const excerpt = plainTextExcerpt(long);
    expect(excerpt.length).toBeLessThanOrEqual(300);
    expect(excerpt).toMatch(/word…$/);
  });
});
