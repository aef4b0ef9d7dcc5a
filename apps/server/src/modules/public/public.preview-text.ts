import { describePlace } from '@turnout/domain';
import { excerpt, markdownToText } from '../../markdown/plain-text';
import type { EventRecord } from '../events';

const readers = new Map<string, { parts: Intl.DateTimeFormat; zoneNames: Intl.DateTimeFormat[] }>();

function readerFor(timeZone: string) {
  let reader = readers.get(timeZone);
  if (!reader) {
    reader = {
      parts: new Intl.DateTimeFormat('en-GB', {
        timeZone,
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
      // British English names Europe's zones (CET, BST), American English America's (EST, PST); others are "GMT+9".
      zoneNames: ['en-GB', 'en-US'].map((locale) => new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })),
    };
    readers.set(timeZone, reader);
  }
  return reader;
}

/** The zone's abbreviation at that instant ("CET", "CEST", "EST"), else its offset ("GMT+9"). */
function zoneName(zoneNames: readonly Intl.DateTimeFormat[], at: number): string {
  const names = zoneNames.map((format) => format.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? '');
  return names.find((name) => name !== '' && !/^GMT[+\u2212-]/.test(name)) ?? names[0] ?? '';
}

/**
 * An event's start on its own zone's clock, in English, its zone abbreviated: "Sat 12 Dec 2026,
 * 19:00 CET". The pieces are put together here: `format()`'s punctuation differs between ICU versions.
 */
export function formatEventStart(startsAtIso: string, timeZone: string): string {
  const at = Date.parse(startsAtIso);
  const { parts, zoneNames } = readerFor(timeZone);
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of parts.formatToParts(at)) part[type] = value;
  return `${part.weekday} ${part.day} ${part.month} ${part.year}, ${part.hour}:${part.minute} ${zoneName(zoneNames, at)}`.trim();
}

/** What a shared link says about an event, in every preview of it: the page's tags and the generated image. */
export interface PreviewText {
  title: string;
  /** "Sat 12 Dec 2026, 19:00 CET". */
  when: string;
  /** describePlace: never the join link. */
  place: string;
  /** "{when} · {place}", then the description as plain text, cut at a word near 200 characters. */
  summary: string;
}

export const SUMMARY_DESCRIPTION_MAX = 200;

export function previewTextOf(event: EventRecord): PreviewText {
  const when = formatEventStart(event.startsAt, event.timezone);
  const place = describePlace(event);
  const description = excerpt(markdownToText(event.description, { links: 'text' }), SUMMARY_DESCRIPTION_MAX);
  return { title: event.title, when, place, summary: description ? `${when} · ${place} — ${description}` : `${when} · ${place}` };
}
