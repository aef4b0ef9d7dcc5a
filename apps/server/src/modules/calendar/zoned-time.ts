import { instantAtWallTime, instantsAtWallTime, type WallClock, wallClock, wallClockAsUtcMs, zoneOffsetMs } from '@turnout/contracts';
import type {
  ICalTemporalInstantStub,
  ICalTemporalPlainDateStub,
  ICalTemporalPlainDateTimeStub,
  ICalTemporalZonedDateTimeStub,
} from 'ical-generator';

export { type WallClock, wallClock } from '@turnout/contracts';

/** UTC offset of `timeZone` at `epochMs`, in minutes east of Greenwich. */
export const offsetMinutes = (epochMs: number, timeZone: string): number => Math.round(zoneOffsetMs(epochMs, timeZone) / 60_000);

/** The instant a wall-clock reading denotes (RFC 5545 §3.3.5: a repeated time's first occurrence, a skipped one moved forward). */
const instantOf = (clock: WallClock, timeZone: string): number => instantAtWallTime(wallClockAsUtcMs(clock), timeZone);

/**
 * False inside the repeated hour when clocks go back. RFC 5545 reads such a local time as its
 * first occurrence, but common parsers take the second, so these instants are better written in UTC.
 */
export const hasUnambiguousWallClock = (epochMs: number, timeZone: string): boolean =>
  instantsAtWallTime(wallClockAsUtcMs(wallClock(epochMs, timeZone)), timeZone).length === 1;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoDate = (c: WallClock) => `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}`;
const isoDateTime = (c: WallClock) => `${isoDate(c)}T${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`;

function instant(epochMs: number): ICalTemporalInstantStub {
  const iso = new Date(epochMs).toISOString();
  return {
    epochMilliseconds: epochMs,
    epochSeconds: Math.floor(epochMs / 1000),
    toJSON: () => iso,
    toString: () => iso,
    toZonedDateTimeISO: (timeZone) => zonedDateTime(epochMs, timeZone),
  };
}

function plainDateTime(clock: WallClock): ICalTemporalPlainDateTimeStub {
  const plainDate: ICalTemporalPlainDateStub = {
    year: clock.year,
    month: clock.month,
    day: clock.day,
    toJSON: () => isoDate(clock),
    toString: () => isoDate(clock),
  };
  return {
    ...clock,
    toJSON: () => isoDateTime(clock),
    toString: () => isoDateTime(clock),
    toPlainDate: () => plainDate,
    toZonedDateTime: (timeZone) => zonedDateTime(instantOf(clock, timeZone), timeZone),
  };
}

/**
 * An instant in a named zone, in the shape ical-generator accepts for Temporal.ZonedDateTime:
 * it then writes `DTSTART;TZID=<zone>:<local time>` (RFC 5545 §3.3.5, form 3). Node 20 has no
 * Temporal, and a native Date would be written in the server process's own zone.
 */
export function zonedDateTime(epochMs: number, timeZone: string): ICalTemporalZonedDateTimeStub {
  const clock = wallClock(epochMs, timeZone);
  const iso = `${isoDateTime(clock)}[${timeZone}]`;
  return {
    ...clock,
    timeZoneId: timeZone,
    toInstant: () => instant(epochMs),
    toPlainDateTime: () => plainDateTime(clock),
    withTimeZone: (zone) => zonedDateTime(epochMs, zone),
    toJSON: () => iso,
    toString: () => iso,
  };
}

export const formatIcalLocal = (c: WallClock) =>
  `${pad(c.year, 4)}${pad(c.month)}${pad(c.day)}T${pad(c.hour)}${pad(c.minute)}${pad(c.second)}`;
