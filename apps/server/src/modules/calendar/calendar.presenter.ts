import ical, { type ICalEventData } from 'ical-generator';
import type { CalendarEventRow } from './calendar.repository';
import { vtimezoneGenerator } from './vtimezone';
import { hasUnambiguousWallClock, zonedDateTime } from './zoned-time';

/** Stable across edits and exports, so calendar apps update the entry instead of adding one (RFC 5545 §3.8.4.7). */
export const eventUid = (eventId: string) => `${eventId}@turnout`;

/** The VTIMEZONE generator covering `events`, each in its own zone. */
export const eventTimezones = (events: readonly CalendarEventRow[]) => ({
  name: null,
  generator: vtimezoneGenerator(
    events.map((e) => ({ timeZone: e.timezone, startMs: Date.parse(e.startsAt), endMs: Date.parse(e.endsAt) })),
  ),
});

/** One event's VEVENT fields, the same in the feed and in every invitation mailed about it. */
export function eventData(event: CalendarEventRow, publicOrigin: string): ICalEventData {
  const [start, end] = [Date.parse(event.startsAt), Date.parse(event.endsAt)];
  // A time in the repeated hour after clocks go back is written in UTC, the one exact form left.
  const zone = hasUnambiguousWallClock(start, event.timezone) && hasUnambiguousWallClock(end, event.timezone) ? event.timezone : 'UTC';
  return {
    id: eventUid(event.id),
    // SEQUENCE starts at 0 (RFC 5545 §3.8.7.4); `version` starts at 1 and grows with every change.
    sequence: event.version - 1,
    start: zonedDateTime(start, zone),
    end: zonedDateTime(end, zone),
    timezone: zone,
    stamp: new Date(event.updatedAt),
    created: new Date(event.createdAt),
    lastModified: new Date(event.updatedAt),
    summary: event.title,
    description: event.description || null,
    location: event.location,
    url: `${publicOrigin}/events/${event.id}`,
  };
}

/** Events as an iCalendar document, each in its own time zone with a matching VTIMEZONE. */
export function presentCalendar(events: readonly CalendarEventRow[], options: { name: string; publicOrigin: string }): string {
  const calendar = ical({ name: options.name, prodId: { company: 'Turnout', product: 'Turnout', language: 'EN' } });
  calendar.timezone(eventTimezones(events));
  for (const event of events) calendar.createEvent(eventData(event, options.publicOrigin));
  return calendar.toString();
}
