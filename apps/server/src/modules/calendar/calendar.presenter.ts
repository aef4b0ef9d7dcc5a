import { describePlace, knownVenue } from '@turnout/domain';
import ical, { type ICalEventData } from 'ical-generator';
import { markdownToText } from '../../markdown/plain-text';
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

/** Where a calendar entry links: the event's page, and for a joined attendee's own invitation the online join link. */
export interface EventLinks {
  /** The page the entry's URL names and its description ends with; null when there is none (a cancelled event's). */
  pageUrl: string | null;
  /** Only ever in an invitation mailed to someone joined: feeds and downloads never carry it (docs/product.md §11). */
  joinUrl?: string | null;
}

/**
 * The DESCRIPTION: the organizer's Markdown as plain text, then where it is when LOCATION cannot
 * say it (online, or a place still to be announced), the join link if given, and the page.
 */
function descriptionOf(event: CalendarEventRow, links: EventLinks): string | null {
  const parts = [markdownToText(event.description)];
  if (knownVenue(event) === null) parts.push(`Where: ${describePlace(event)}`);
  if (links.joinUrl) parts.push(`Join online: ${links.joinUrl}`);
  if (links.pageUrl) parts.push(`Event page: ${links.pageUrl}`);
  return parts.filter((part) => part !== '').join('\n\n') || null;
}

/** One event's VEVENT fields, the same in the feed and in every invitation mailed about it. */
export function eventData(event: CalendarEventRow, links: EventLinks): ICalEventData {
  const [start, end] = [Date.parse(event.startsAt), Date.parse(event.endsAt)];
  // A time in the repeated hour after clocks go back is written in UTC, the one exact form left;
  // so is the first minute after it, the local time of the change itself, which parsers read with
  // the offset before the change.
  const readsExactly = (ms: number) => hasUnambiguousWallClock(ms, event.timezone) && hasUnambiguousWallClock(ms - 60_000, event.timezone);
  const zone = readsExactly(start) && readsExactly(end) ? event.timezone : 'UTC';
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
    description: descriptionOf(event, links),
    // LOCATION names a real place only (RFC 5545 §3.8.1.7): not "Online", not one still to be announced.
    location: knownVenue(event),
    url: links.pageUrl,
  };
}

/** Events as an iCalendar document, each in its own time zone with a matching VTIMEZONE. */
export function presentCalendar(
  events: readonly CalendarEventRow[],
  options: { name: string; pageUrl: (eventId: string) => string },
): string {
  const calendar = ical({ name: options.name, prodId: { company: 'Turnout', product: 'Turnout', language: 'EN' } });
  calendar.timezone(eventTimezones(events));
  for (const event of events) calendar.createEvent(eventData(event, { pageUrl: options.pageUrl(event.id) }));
  return calendar.toString();
}
