/**
 * Wall-clock time in an IANA zone ↔ UTC instants, with the runtime's own zone database (Intl).
 *
 * A wall time that a DST change skips or repeats is resolved like Temporal's and RFC 5545's
 * "compatible" rule (RFC 5545 §3.3.5): a skipped time moves forward by the length of the gap
 * (Berlin 2026-03-29 02:30 → 03:30 CEST), a repeated time takes its first, earlier occurrence
 * (Berlin 2026-10-25 02:30 → 02:30 CEST, 00:30 UTC).
 */

/** `YYYY-MM-DDTHH:mm`, the value of `<input type="datetime-local">`. */
export type WallTime = string;

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock of `timeZone` at `epochMs`, itself expressed as if it were UTC milliseconds. */
function wallClockMs(epochMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The zone's offset from UTC at an instant, in milliseconds (Berlin in summer: +7 200 000). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  return wallClockMs(whole, timeZone) - whole;
}

function parseWallTime(wall: WallTime): number | null {
  const match = WALL_TIME.exec(wall);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s);
  const check = new Date(ms);
  // Date.UTC rolls 2026-02-30 over into March: such input is not a date.
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  return ms;
}

/** The UTC instant at which `timeZone`'s clocks show `wall`; null when `wall` is not a valid date-time. */
export function zonedWallTimeToUtc(wall: WallTime, timeZone: string): Date | null {
  const wallMs = parseWallTime(wall);
  if (wallMs === null) return null;
  // Real zones change offset at most once in two days, so the offsets a day either side bracket it.
  const offsetBefore = zoneOffsetMs(wallMs - DAY_MS, timeZone);
  const offsetAfter = zoneOffsetMs(wallMs + DAY_MS, timeZone);
  const candidates = [wallMs - offsetBefore, wallMs - offsetAfter].filter((t) => wallClockMs(t, timeZone) === wallMs);
  if (candidates.length === 0) return new Date(wallMs - offsetBefore); // in a gap: forward by the gap
  return new Date(Math.min(...candidates)); // in an overlap: the earlier instant
}

/** The wall time (`YYYY-MM-DDTHH:mm`) that `timeZone`'s clocks show at `instant`. */
export function utcToZonedWallTime(instant: Date | string, timeZone: string): WallTime {
  const ms = wallClockMs(new Date(instant).getTime(), timeZone);
  return new Date(ms).toISOString().slice(0, 16);
}

let browserZone: string | undefined;

/**
 * The browser's own zone, or UTC if the runtime cannot say. Read once: creating the formatter that
 * tells it takes milliseconds, and every event card asks for it on every render.
 */
export function browserTimeZone(): string {
  browserZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return browserZone;
}

/** Every zone the runtime knows, sorted, always including UTC and the browser's zone. */
export function timeZoneNames(): string[] {
  const names = new Set<string>(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
  names.add('UTC');
  names.add(browserTimeZone());
  return [...names].sort();
}
