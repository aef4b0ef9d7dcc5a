import { describePlace, type EventPlace } from '@turnout/domain';
import { isSafeHref } from './markdown';

/** What an "add to calendar" link says about an event: what the public page shows, never the join link. */
export type CalendarEvent = EventPlace & {
  id: string;
  title: string;
  /** Markdown: the links carry a plain-text excerpt of it. */
  description: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
};

/** How much of the description a calendar entry carries: the page it links to has the rest. */
export const CALENDAR_DETAILS_MAX = 300;

/** `2030-05-01T17:00:00.000Z` → `20300501T170000Z`, the UTC form Google Calendar's `dates` takes. */
export function utcStamp(instant: string): string {
  return new Date(instant)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll('-', '')
    .replaceAll(':', '');
}

/** `2030-05-01T17:00:00Z`: ISO 8601 in UTC without milliseconds, as Outlook's `startdt` takes it. */
const isoSeconds = (instant: string): string => new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Markdown as a calendar's plain text: the words without their markup, a link as "text (address)"
 * (http, https and mailto only), an image as its description, no HTML; cut at a word near `max`
 * characters.
 */
export function plainTextExcerpt(markdown: string, max = CALENDAR_DETAILS_MAX): string {
  const text = markdown
    .replace(/<[^>\n]+>/g, (tag) => (/^<(https?:|mailto:)/i.test(tag) ? tag.slice(1, -1) : ''))
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))+)>?(?:\s+"[^"]*")?\s*\)/g, (_, label: string, href: string) => {
      // Only web and mail addresses are written out, as the page only links those (lib/markdown.ts).
      if (!isSafeHref(href)) return label;
      return label === href ? href : `${label} (${href})`;
    })
    .replace(/^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|```.*$|~~~.*$)/gm, '')
    .replace(/^([ \t]*)[*+][ \t]+/gm, '$1- ')
    .replace(/(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)(.+?)(?<=\S)_(?!\w)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.search(/\s\S*$/);
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The entry's notes: the description's excerpt, then the event's public page (`/e/:id`). */
export function calendarDetails(event: Pick<CalendarEvent, 'description'>, publicUrl: string): string {
  const excerpt = plainTextExcerpt(event.description);
  return excerpt ? `${excerpt}\n\n${publicUrl}` : publicUrl;
}

const param = (key: string, value: string): string => `${key}=${encodeURIComponent(value)}`;

/** Google Calendar's "create event" template, in UTC, shown in the event's own zone (`ctz`). */
export function googleCalendarUrl(event: CalendarEvent, publicUrl: string): string {
  return `https://calendar.google.com/calendar/render?${[
    param('action', 'TEMPLATE'),
    param('text', event.title),
    // Digits, T and Z around a `/`, which a query may hold as it is.
    `dates=${utcStamp(event.startsAt)}/${utcStamp(event.endsAt)}`,
    param('details', calendarDetails(event, publicUrl)),
    param('location', describePlace(event)),
    param('ctz', event.timezone),
  ].join('&')}`;
}

/** Outlook.com's compose form; its start and end are UTC instants. */
export function outlookCalendarUrl(event: CalendarEvent, publicUrl: string): string {
  return `https://outlook.live.com/calendar/0/action/compose?${[
    param('subject', event.title),
    param('startdt', isoSeconds(event.startsAt)),
    param('enddt', isoSeconds(event.endsAt)),
    param('body', calendarDetails(event, publicUrl)),
    param('location', describePlace(event)),
  ].join('&')}`;
}

/** The address anyone can open without an account; calendar entries and shared links point to it. */
export const publicEventUrl = (eventId: string, origin = window.location.origin): string =>
  new URL(`/e/${encodeURIComponent(eventId)}`, origin).toString();
