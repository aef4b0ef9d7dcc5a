import fc from 'fast-check';
import ical, { type VEvent } from 'node-ical';
import { describe, expect, it } from 'vitest';
import { presentCalendar } from './calendar.presenter';
import type { CalendarEventRow } from './calendar.repository';
import { offsetTransitions, vtimezone } from './vtimezone';
import { hasUnambiguousWallClock, offsetMinutes, wallClock, zonedDateTime } from './zoned-time';

const at = (iso: string) => new Date(iso).getTime();

const row = (startsAt: string, minutes: number, timezone: string): CalendarEventRow => ({
  id: '00000000-0000-4000-8000-000000000001',
  title: 'Standup',
  description: '',
  locationType: 'venue',
  location: 'Room 1',
  startsAt: new Date(startsAt).toISOString(),
  endsAt: new Date(at(startsAt) + minutes * 60_000).toISOString(),
  timezone,
  version: 1,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
});

const parseOne = (text: string): VEvent => {
  const found = Object.values(ical.sync.parseICS(text)).find((c): c is VEvent => c?.type === 'VEVENT');
  if (!found) throw new Error('no VEVENT');
  return found;
};

describe('wall clocks and offsets', () => {
  it('reads local time and offset in zones with whole, half and quarter hour offsets', () => {
    expect(wallClock(at('2030-06-15T16:30:00Z'), 'Europe/Berlin')).toEqual({
      year: 2030,
      month: 6,
      day: 15,
      hour: 18,
      minute: 30,
      second: 0,
    });
    expect(offsetMinutes(at('2030-01-15T00:00:00Z'), 'America/New_York')).toBe(-300);
    expect(offsetMinutes(at('2030-01-15T00:00:00Z'), 'Asia/Kolkata')).toBe(330);
    expect(offsetMinutes(at('2030-01-15T00:00:00Z'), 'Asia/Kathmandu')).toBe(345);
    // Midnight is hour 0, never 24.
    expect(wallClock(at('2030-01-01T00:00:00Z'), 'UTC').hour).toBe(0);
  });

  it('finds the exact instants of daylight-saving changes', () => {
    expect(offsetTransitions('Europe/Berlin', at('2030-01-01T00:00:00Z'), at('2030-12-31T00:00:00Z'))).toEqual([
      { at: at('2030-03-31T01:00:00Z'), fromMinutes: 60, toMinutes: 120 },
      { at: at('2030-10-27T01:00:00Z'), fromMinutes: 120, toMinutes: 60 },
    ]);
    expect(offsetTransitions('Asia/Tokyo', at('2030-01-01T00:00:00Z'), at('2030-12-31T00:00:00Z'))).toEqual([]);
  });

  it('knows which local times happen twice when clocks go back', () => {
    // 02:30 in Berlin on 2030-10-27 is both 00:30 and 01:30 UTC.
    expect(hasUnambiguousWallClock(at('2030-10-27T00:30:00Z'), 'Europe/Berlin')).toBe(false);
    expect(hasUnambiguousWallClock(at('2030-10-27T01:30:00Z'), 'Europe/Berlin')).toBe(false);
    expect(hasUnambiguousWallClock(at('2030-10-27T02:00:00Z'), 'Europe/Berlin')).toBe(true);
    expect(hasUnambiguousWallClock(at('2030-03-31T01:00:00Z'), 'Europe/Berlin')).toBe(true);
  });

  it('converts a local time back to the instant it names', () => {
    const zoned = zonedDateTime(at('2030-03-10T06:30:00Z'), 'America/New_York');
    expect(zoned.toPlainDateTime().toString()).toBe('2030-03-10T01:30:00');
    expect(zoned.toPlainDateTime().toZonedDateTime('America/New_York').toInstant().epochMilliseconds).toBe(at('2030-03-10T06:30:00Z'));
    expect(zoned.withTimeZone('UTC').hour).toBe(6);
  });
});

describe('VTIMEZONE', () => {
  it('labels summer time in the southern hemisphere as DAYLIGHT', () => {
    const text = vtimezone('Australia/Sydney', at('2030-02-01T00:00:00Z'), at('2030-02-02T00:00:00Z'));
    expect(text).toMatch(/BEGIN:DAYLIGHT\r\nDTSTART:\d{8}T\d{6}\r\nTZOFFSETFROM:\+1100\r\nTZOFFSETTO:\+1100/);
    expect(text).toMatch(/BEGIN:STANDARD\r\nDTSTART:20300407T030000\r\nTZOFFSETFROM:\+1100\r\nTZOFFSETTO:\+1000/);
  });

  it('has a single observance for a zone without daylight saving', () => {
    const text = vtimezone('Asia/Tokyo', at('2030-02-01T00:00:00Z'), at('2030-02-02T00:00:00Z'));
    expect(text.match(/BEGIN:(STANDARD|DAYLIGHT)/g)).toEqual(['BEGIN:STANDARD']);
    expect(text).toContain('TZOFFSETTO:+0900');
  });
});

describe('presentCalendar', () => {
  it('writes an event touching the repeated hour in UTC, which no parser can misread', () => {
    for (const startsAt of ['2030-10-27T00:30:00Z', '2030-10-27T01:30:00Z']) {
      const text = presentCalendar([row(startsAt, 30, 'Europe/Berlin')], { name: 'x', pageUrl: (id) => `http://turnout.test/e/${id}` });
      expect(text).toContain(`DTSTART:${startsAt.replace(/[-:]/g, '')}`);
      expect(parseOne(text).start.toISOString()).toBe(new Date(startsAt).toISOString());
    }
  });

  it('writes an event starting the minute clocks have gone back in UTC, which no parser can misread', () => {
    // Río Gallegos went from -03 to -04 at local midnight of 1 June 2004: 00:00 -04 is 04:00 UTC.
    const startsAt = '2004-06-01T04:00:00.000Z';
    const text = presentCalendar([row(startsAt, 1, 'America/Argentina/Rio_Gallegos')], {
      name: 'x',
      pageUrl: (id) => `http://turnout.test/e/${id}`,
    });
    expect(text).toContain('DTSTART:20040601T040000Z');
    expect(parseOne(text).start.toISOString()).toBe(startsAt);
  });

  it('round-trips any instant in any zone through a calendar app parser', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    fc.assert(
      fc.property(
        // The parser's Temporal polyfill knows time zone rules only about ten years ahead.
        fc.integer({ min: at('2000-01-01T00:00:00Z') / 60_000, max: Date.UTC(new Date().getUTCFullYear() + 8, 0, 1) / 60_000 }),
        fc.integer({ min: 1, max: 43_200 }),
        fc.constantFrom(...zones),
        (startMinute, minutes, zone) => {
          const startsAt = new Date(startMinute * 60_000).toISOString();
          const parsed = parseOne(
            presentCalendar([row(startsAt, minutes, zone)], { name: 'x', pageUrl: (id) => `http://turnout.test/e/${id}` }),
          );
          expect(parsed.start.toISOString()).toBe(startsAt);
          expect(parsed.end?.getTime()).toBe(at(startsAt) + minutes * 60_000);
        },
      ),
      { numRuns: 300 },
    );
  });
});
