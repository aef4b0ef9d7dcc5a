/**
 * Wall-clock time in IANA zones ↔ instants, with the runtime's own zone database (Intl), shared by
 * the server (calendar files) and the web app (the event form, times shown in the event's zone).
 *
 * A wall time that a daylight-saving change skips or repeats resolves as RFC 5545 §3.3.5 and
 * Temporal's "compatible" rule do: a repeated time is its first occurrence, and a skipped time is
 * read with the offset from before the gap, so it moves forward by the gap's length.
 */

/** A wall-clock reading: what a clock in some time zone shows at an instant. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock in `timeZone` at `epochMs`. */
export function wallClock(epochMs: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return { year, month, day, hour, minute, second };
}

/** A wall-clock reading written as if it were a UTC instant, in milliseconds: easy to compare and shift. */
export const wallClockAsUtcMs = (c: WallClock): number => Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);

/** The zone's offset from UTC at an instant, in milliseconds (Berlin in summer: +7 200 000). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  return wallClockAsUtcMs(wallClock(whole, timeZone)) - whole;
}

/**
 * The instants at which `timeZone`'s clocks show the wall time `wallMs` (see wallClockAsUtcMs),
 * earliest first: none in a gap, two in a repeated hour. Real zones change offset at most once in
 * two days, so the offsets a day either side bracket it.
 */
export function instantsAtWallTime(wallMs: number, timeZone: string): number[] {
  const candidates = new Set([wallMs - zoneOffsetMs(wallMs - DAY_MS, timeZone), wallMs - zoneOffsetMs(wallMs + DAY_MS, timeZone)]);
  return [...candidates].filter((at) => wallClockAsUtcMs(wallClock(at, timeZone)) === wallMs).sort((a, b) => a - b);
}

/** The instant the wall time `wallMs` denotes in `timeZone`, resolved by the compatible rule above. */
export function instantAtWallTime(wallMs: number, timeZone: string): number {
  return instantsAtWallTime(wallMs, timeZone)[0] ?? wallMs - zoneOffsetMs(wallMs - DAY_MS, timeZone);
}
