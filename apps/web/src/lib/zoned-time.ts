import { instantAtWallTime, wallClock, wallClockAsUtcMs } from '@turnout/contracts';
import { canonicalTimeZone } from './time-zones';

/**
 * The event form's wall times (`<input type="datetime-local">`) ↔ UTC instants in an IANA zone,
 * on the shared zone arithmetic of @turnout/contracts: a skipped time moves forward by the gap
 * (Berlin 2026-03-29 02:30 → 03:30 CEST), a repeated time takes its first occurrence
 * (Berlin 2026-10-25 02:30 → 02:30 CEST, 00:30 UTC).
 */

/** `YYYY-MM-DDTHH:mm`, the value of `<input type="datetime-local">`. */
export type WallTime = string;

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

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
  return wallMs === null ? null : new Date(instantAtWallTime(wallMs, timeZone));
}

/** The wall time (`YYYY-MM-DDTHH:mm`) that `timeZone`'s clocks show at `instant`. */
export function utcToZonedWallTime(instant: Date | string, timeZone: string): WallTime {
  const ms = wallClockAsUtcMs(wallClock(new Date(instant).getTime(), timeZone));
  return new Date(ms).toISOString().slice(0, 16);
}

let browserZone: string | undefined;

/**
 * The browser's own zone by today's name (Asia/Kolkata where older runtimes say Asia/Calcutta),
 * or UTC if the runtime cannot say. Read once: creating the formatter that tells it takes
 * milliseconds, and every event card asks for it on every render.
 */
export function browserTimeZone(): string {
  browserZone ??= canonicalTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  return browserZone;
}
