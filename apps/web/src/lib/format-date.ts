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

export function formatDuration(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  return [days && `${days} d`, hours && `${hours} h`, mins && `${mins} min`].filter(Boolean).join(' ');
}

/** "3 minutes ago", for notifications. */
export function formatAgo(iso: string, now = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of steps) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(0, 'second');
}

/** "May 1, 2030, 7:00 PM" in the browser's own zone, for times of the reader's own devices. */
export function formatDateTime(iso: string): string {
  return format({ dateStyle: 'medium', timeStyle: 'short' }, Intl.DateTimeFormat().resolvedOptions().timeZone).format(new Date(iso));
}
