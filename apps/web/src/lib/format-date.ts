/** Dates as people read them, in a given IANA zone and the browser's locale. */

const cache = new Map<string, Intl.DateTimeFormat>();
function format(options: Intl.DateTimeFormatOptions, timeZone: string): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(undefined, { ...options, timeZone });
    cache.set(key, formatter);
  }
  return formatter;
}

const DAY: Intl.DateTimeFormatOptions = { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };

/**
 * Has the browser load its locale data now: the first Intl formatter of a page costs tens of
 * milliseconds, better spent while a page waits for its data than in the render that shows it.
 */
export function preloadDateFormats(): void {
  format(TIME, 'UTC');
}

/** The month and day for a calendar-style date block. */
export function dateBlock(iso: string, timeZone: string): { month: string; day: string } {
  const date = new Date(iso);
  return {
    month: format({ month: 'short' }, timeZone).format(date),
    day: format({ day: 'numeric' }, timeZone).format(date),
  };
}

/** The zone's short name at that instant, e.g. "CEST" or "GMT+2". */
export function zoneAbbreviation(iso: string, timeZone: string): string {
  const parts = format({ timeZoneName: 'short' }, timeZone).formatToParts(new Date(iso));
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}

/** "Fri, May 1, 2030 · 7:00 PM – 9:00 PM CEST", with the end date too when it is another day. */
export function formatRange(startsAt: string, endsAt: string, timeZone: string): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const day = format(DAY, timeZone);
  const time = format(TIME, timeZone);
  const zone = zoneAbbreviation(startsAt, timeZone);
  if (day.format(start) === day.format(end)) {
    return `${day.format(start)} · ${time.format(start)} – ${time.format(end)} ${zone}`;
  }
  return `${day.format(start)}, ${time.format(start)} – ${day.format(end)}, ${time.format(end)} ${zone}`;
}

/** "Fri, May 1 · 7:00 PM", short for lists. */
export function formatShort(iso: string, timeZone: string): string {
  const date = new Date(iso);
  return `${format({ weekday: 'short', month: 'short', day: 'numeric' }, timeZone).format(date)} · ${format(TIME, timeZone).format(date)}`;
}

const DURATION_UNITS: readonly [unit: string, minutes: number][] = [
  ['week', 10_080],
  ['day', 1440],
  ['hour', 60],
  ['minute', 1],
];
const unitFormats = new Map<string, Intl.NumberFormat>();
const unitFormat = (unit: string) => {
  let formatter = unitFormats.get(unit);
  if (!formatter) {
    formatter = new Intl.NumberFormat(undefined, { style: 'unit', unit, unitDisplay: 'long' });
    unitFormats.set(unit, formatter);
  }
  return formatter;
};
let unitList: Intl.ListFormat | undefined;

/**
 * A length of time written out, in the browser's locale: 45 → "45 minutes", 90 → "1 hour 30
 * minutes", 2880 → "2 days", 10080 → "1 week". The one way the app words a duration.
 */
export function formatDuration(minutes: number): string {
  const parts: string[] = [];
  let left = Math.max(0, Math.round(minutes));
  for (const [unit, size] of DURATION_UNITS) {
    const n = Math.floor(left / size);
    left -= n * size;
    if (n > 0) parts.push(unitFormat(unit).format(n));
  }
  if (parts.length === 0) return unitFormat('minute').format(0);
  unitList ??= new Intl.ListFormat(undefined, { type: 'unit', style: 'narrow' });
  return unitList.format(parts);
}

const AGO_STEPS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['week', 604_800],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];
let relative: Intl.RelativeTimeFormat | undefined;

/**
 * "just now", "3 minutes ago", "yesterday", "2 weeks ago": how long ago, for lists of what
 * happened (attendees, notifications, sessions); the exact time goes in the <time> element's
 * title (components/ui/time-ago.tsx). Under a minute either way is "just now": a clock a few
 * seconds ahead of the server's must not read "in 3 seconds".
 */
export function formatAgo(iso: string, now = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  relative ??= new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size] of AGO_STEPS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return 'just now';
}

/** "May 1, 2030, 7:00 PM" in the browser's own zone, for times of the reader's own devices. */
export function formatDateTime(iso: string): string {
  return format({ dateStyle: 'medium', timeStyle: 'short' }, Intl.DateTimeFormat().resolvedOptions().timeZone).format(new Date(iso));
}
