import type {
  ICalTemporalInstantStub,
  ICalTemporalPlainDateStub,
  ICalTemporalPlainDateTimeStub,
  ICalTemporalZonedDateTimeStub,
} from 'ical-generator';

/** A wall-clock reading: what a clock in some time zone shows at an instant. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatter = (timeZone: string) => {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, found);
  }
  return found;
};

/** The wall clock in `timeZone` at `epochMs` (the runtime's IANA database via Intl). */
export function wallClock(epochMs: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return { year, month, day, hour, minute, second };
}

const DAY_MS = 86_400_000;
const asUtc = (c: WallClock) => Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);

/** UTC offset of `timeZone` at `epochMs`, in minutes east of Greenwich. */
export const offsetMinutes = (epochMs: number, timeZone: string): number =>
  Math.round((asUtc(wallClock(epochMs, timeZone)) - Math.floor(epochMs / 1000) * 1000) / 60_000);

/** The instants at which `timeZone`'s clocks show `clock`: none in a gap, two in a repeated hour. */
function instantsOf(clock: WallClock, timeZone: string): number[] {
  const local = asUtc(clock);
  const candidates = new Set([
    local - offsetMinutes(local - DAY_MS, timeZone) * 60_000,
    local - offsetMinutes(local + DAY_MS, timeZone) * 60_000,
  ]);
  return [...candidates].filter((candidate) => asUtc(wallClock(candidate, timeZone)) === local).sort((a, b) => a - b);
}

/**
 * The instant a wall-clock reading denotes, read as RFC 5545 §3.3.5 does: the first occurrence of
 * a repeated time, and a time skipped by a gap with the offset from before the gap.
 */
function instantOf(clock: WallClock, timeZone: string): number {
  const local = asUtc(clock);
  return instantsOf(clock, timeZone)[0] ?? local - offsetMinutes(local - DAY_MS, timeZone) * 60_000;
}

/**
 * False inside the repeated hour when clocks go back. RFC 5545 reads such a local time as its
 * first occurrence, but common parsers take the second, so these instants are better written in UTC.
 */
export const hasUnambiguousWallClock = (epochMs: number, timeZone: string): boolean =>
  instantsOf(wallClock(epochMs, timeZone), timeZone).length === 1;

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
