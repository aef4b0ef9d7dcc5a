import ical, { type VEvent } from 'node-ical';
import { describe, expect, it } from 'vitest';
import { eventUid, presentCalendar } from './calendar.presenter';
import type { CalendarEventRow } from './calendar.repository';
import { type InvitationOptions, presentInvitation } from './invitation.presenter';

const event: CalendarEventRow = {
  id: '00000000-0000-4000-8000-0000000000aa',
  title: 'Board games, and pizza',
  description: 'Bring a game; we bring the pizza.',
  locationType: 'venue',
  location: 'Café Kiez, Berlin',
  startsAt: '2026-12-04T18:00:00.000Z',
  endsAt: '2026-12-04T20:00:00.000Z',
  timezone: 'Europe/Berlin',
  version: 3,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
};
const publicOrigin = 'https://turnout.test';
const options = (method: InvitationOptions['method']): InvitationOptions => ({
  method,
  publicOrigin,
  organizer: { name: 'Grace Hopper', email: 'events@turnout.test' },
  attendee: { name: 'Ada Lovelace', email: 'ada@example.test' },
});

/** The document's lines, folded lines joined again (RFC 5545 §3.1). */
const linesOf = (text: string) => text.replace(/\r\n[ \t]/g, '').split('\r\n');
/** The first line of the VEVENT starting with `name` (the VTIMEZONE before it has DTSTARTs of its own). */
const lineStarting = (text: string, name: string) => {
  const lines = linesOf(text);
  return lines.slice(lines.indexOf('BEGIN:VEVENT')).find((line) => line.startsWith(name));
};
const veventOf = (text: string): VEvent => {
  const found = Object.values(ical.sync.parseICS(text)).find((c): c is VEvent => c?.type === 'VEVENT');
  if (!found) throw new Error('no VEVENT');
  return found;
};

describe('presentInvitation', () => {
  it('invites with METHOD:REQUEST, the feed’s UID and SEQUENCE, the organizer and the accepted attendee', () => {
    const text = presentInvitation(event, options('REQUEST'));
    const feed = presentCalendar([event], { name: 'x', pageUrl: (id) => `${publicOrigin}/events/${id}` });

    expect(linesOf(text)).toContain('METHOD:REQUEST');
    expect(lineStarting(text, 'UID:')).toBe(`UID:${eventUid(event.id)}`);
    expect(lineStarting(text, 'UID:')).toBe(lineStarting(feed, 'UID:'));
    expect(lineStarting(text, 'SEQUENCE:')).toBe('SEQUENCE:2');
    expect(lineStarting(text, 'SEQUENCE:')).toBe(lineStarting(feed, 'SEQUENCE:'));
    expect(lineStarting(text, 'STATUS:')).toBe('STATUS:CONFIRMED');
    expect(lineStarting(text, 'ORGANIZER')).toBe('ORGANIZER;CN="Grace Hopper":mailto:events@turnout.test');
    const attendee = lineStarting(text, 'ATTENDEE') ?? '';
    expect(attendee).toMatch(/;RSVP=FALSE[;:]/);
    expect(attendee).toMatch(/;PARTSTAT=ACCEPTED[;:]/);
    expect(attendee).toMatch(/;CN="Ada Lovelace"[;:]/);
    expect(attendee).toMatch(/:MAILTO:ada@example\.test$/i);
    expect(lineStarting(text, 'URL')).toMatch(/^URL(;VALUE=URI)?:https:\/\/turnout\.test\/events\/00000000-0000-4000-8000-0000000000aa$/);
    // The same zone handling as the feed: the event's own zone, with its VTIMEZONE.
    expect(lineStarting(text, 'DTSTART')).toBe('DTSTART;TZID=Europe/Berlin:20261204T190000');
    expect(linesOf(text)).toContain('TZID:Europe/Berlin');
  });

  it('reads as the same event in a calendar app', () => {
    const parsed = veventOf(presentInvitation(event, options('REQUEST')));
    expect(parsed.uid).toBe(eventUid(event.id));
    expect(parsed.start.toISOString()).toBe(event.startsAt);
    expect(parsed.end?.toISOString()).toBe(event.endsAt);
    expect(parsed.summary).toBe(event.title);
    expect(parsed.location).toBe(event.location);
  });

  it('cancels with METHOD:CANCEL, STATUS:CANCELLED and a SEQUENCE past the last invitation', () => {
    const text = presentInvitation(event, options('CANCEL'));
    const lastRequest = presentInvitation(event, options('REQUEST'));

    expect(linesOf(text)).toContain('METHOD:CANCEL');
    expect(lineStarting(text, 'UID:')).toBe(`UID:${eventUid(event.id)}`);
    expect(lineStarting(text, 'STATUS:')).toBe('STATUS:CANCELLED');
    const sequence = (t: string) => Number(lineStarting(t, 'SEQUENCE:')?.slice('SEQUENCE:'.length));
    expect(sequence(text)).toBe(3);
    expect(sequence(text)).toBeGreaterThan(sequence(lastRequest));
    expect(lineStarting(text, 'ORGANIZER')).toContain('mailto:events@turnout.test');
    expect(lineStarting(text, 'ATTENDEE')).not.toContain('PARTSTAT');
    // The event's page is deleted with it: nothing links there.
    expect(lineStarting(text, 'URL')).toBeUndefined();
  });

  it('carries the join link of an online event it was given, with no LOCATION; the feed never does', () => {
    const online: CalendarEventRow = { ...event, locationType: 'online', location: 'Zoom' };
    const joinUrl = 'https://meet.example.test/j/42';
    const invited = veventOf(presentInvitation(online, { ...options('REQUEST'), joinUrl }));
    expect(invited.location).toBeUndefined();
    expect(invited.description).toBe(
      `Bring a game; we bring the pizza.\n\nWhere: Zoom\n\nJoin online: ${joinUrl}\n\nEvent page: ${publicOrigin}/events/${event.id}`,
    );
    const cancelled = presentInvitation(online, { ...options('CANCEL'), joinUrl });
    expect(cancelled).not.toContain(joinUrl);
    const feed = presentCalendar([online], { name: 'x', pageUrl: (id) => `${publicOrigin}/e/${id}` });
    expect(feed).not.toContain('meet.example');
    expect(veventOf(feed).description).toBe(
      `Bring a game; we bring the pizza.\n\nWhere: Zoom\n\nEvent page: ${publicOrigin}/e/${event.id}`,
    );
  });

  it('writes the Markdown description as plain text, and a place to be announced in it rather than in LOCATION', () => {
    const tba: CalendarEventRow = {
      ...event,
      location: '',
      description: '## Plan\n\n- **Games** at [the hall](https://hall.example.test)\n- <b>pizza</b>',
    };
    const parsed = veventOf(presentInvitation(tba, options('REQUEST')));
    expect(parsed.location).toBeUndefined();
    expect(parsed.description).toBe(
      `Plan\n\n- Games at the hall (https://hall.example.test)\n- pizza\n\nWhere: Place to be announced\n\nEvent page: ${publicOrigin}/events/${event.id}`,
    );
  });

  it('writes a time in the repeated hour after clocks go back in UTC, as the feed does', () => {
    const ambiguous = { ...event, startsAt: '2030-10-27T00:30:00.000Z', endsAt: '2030-10-27T01:00:00.000Z' };
    expect(lineStarting(presentInvitation(ambiguous, options('REQUEST')), 'DTSTART')).toBe('DTSTART:20301027T003000Z');
  });
});
