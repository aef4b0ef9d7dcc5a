export { escapeHtml } from '../../http/html-escape';

const utc = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'long', timeStyle: 'short' });

/** An instant as a reader sees it in a mail, in UTC and saying so: "2 December 2026 at 13:07 UTC". */
export const formatUtc = (at: Date): string => `${utc.format(at)} UTC`;

/** A date and a time on the wall clock of one zone: "Friday 4 December 2026" and "19:00". */
interface ZonedReading {
  date: string;
  time: string;
}

const readers = new Map<string, Intl.DateTimeFormat>();

// The pieces are put together here rather than taken from `format()`, whose punctuation
// ("Friday, 4 December 2026 at 19:00") differs between ICU versions.
function readIn(epochMs: number, timeZone: string): ZonedReading {
  let reader = readers.get(timeZone);
  if (!reader) {
    reader = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    readers.set(timeZone, reader);
  }
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of reader.formatToParts(epochMs)) part[type] = value;
  return { date: `${part.weekday} ${part.day} ${part.month} ${part.year}`, time: `${part.hour}:${part.minute}` };
}

/**
 * A start (and end) on one zone's clock. `sameDayAs` is the date the reader was just given: a
 * second reading on that same date shows its times alone.
 */
function span(startMs: number, endMs: number | undefined, timeZone: string, sameDayAs?: string): string {
  const start = readIn(startMs, timeZone);
  const from = start.date === sameDayAs ? start.time : `${start.date}, ${start.time}`;
  if (endMs === undefined) return from;
  const end = readIn(endMs, timeZone);
  return end.date === start.date ? `${from}–${end.time}` : `${from} – ${end.date}, ${end.time}`;
}

/**
 * When something happens, as a mail says it: on the event's clock with its zone named, then on
 * the reader's when they chose a zone that is another one, or else in UTC. Intl applies each
 * zone's offset for that very day, so both readings stay right across daylight-saving changes.
 */
function formatWhen(startMs: number, endMs: number | undefined, eventZone: string, readerZone: string | null): string {
  const there = span(startMs, endMs, eventZone);
  const main = `${there} (${eventZone})`;
  const otherZone = readerZone ?? 'UTC';
  if (otherZone === eventZone) return main;
  const day = readIn(startMs, eventZone).date;
  const other = span(startMs, endMs, otherZone, day);
  return readerZone === null ? `${main} — ${other} UTC` : `${main} — ${other} in your time zone (${readerZone})`;
}

/**
 * An event's start for a reader: "Friday 4 December 2026, 19:00 (Europe/Berlin) — 18:00 in your
 * time zone (Europe/London)"; with no zone of theirs, "… — 18:00 UTC". The second reading names
 * its date only when that is another day.
 */
export const formatEventTime = (startsAtIso: string, eventZone: string, readerZone: string | null): string =>
  formatWhen(Date.parse(startsAtIso), undefined, eventZone, readerZone);

/** An event's start and end for a reader, as formatEventTime says them: "Friday 4 December 2026, 19:00–21:00 (Europe/Berlin) — …". */
export const formatEventSpan = (startsAtIso: string, endsAtIso: string, eventZone: string, readerZone: string | null): string =>
  formatWhen(Date.parse(startsAtIso), Date.parse(endsAtIso), eventZone, readerZone);

/** A day given as YYYY-MM-DD, as a mail names it: "Thursday 3 December 2026". */
export const formatDay = (day: string): string => readIn(Date.parse(`${day}T12:00:00Z`), 'UTC').date;

const units = [
  { minutes: 10_080, one: 'week' },
  { minutes: 1440, one: 'day' },
  { minutes: 60, one: 'hour' },
  { minutes: 1, one: 'minute' },
] as const;

/**
 * How far ahead a reminder is, as its subject says it: 15 → "in 15 minutes", 90 → "in 1 hour
 * 30 minutes", 1440 → "tomorrow", 10080 → "in 1 week".
 */
export function formatLeadTime(minutesBefore: number): string {
  if (minutesBefore === 1440) return 'tomorrow';
  let left = Math.max(1, Math.round(minutesBefore));
  const pieces: string[] = [];
  for (const { minutes, one } of units) {
    const count = Math.floor(left / minutes);
    if (count === 0) continue;
    pieces.push(`${count} ${one}${count === 1 ? '' : 's'}`);
    left -= count * minutes;
  }
  return `in ${pieces.join(' ')}`;
}
