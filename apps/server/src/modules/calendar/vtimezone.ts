import { formatIcalLocal, offsetMinutes, wallClock } from './zoned-time';

const DAY_MS = 86_400_000;

export interface OffsetTransition {
  /** The first instant (epoch ms) of the new offset. */
  at: number;
  fromMinutes: number;
  toMinutes: number;
}

/** Every change of `timeZone`'s UTC offset within [fromMs, toMs], found by daily sampling and bisection. */
export function offsetTransitions(timeZone: string, fromMs: number, toMs: number): OffsetTransition[] {
  const transitions: OffsetTransition[] = [];
  let previous = offsetMinutes(fromMs, timeZone);
  for (let sample = fromMs + DAY_MS; sample - DAY_MS < toMs; sample += DAY_MS) {
    const current = offsetMinutes(sample, timeZone);
    if (current === previous) continue;
    let before = sample - DAY_MS;
    let after = sample;
    while (after - before > 1000) {
      const middle = before + Math.floor((after - before) / 2000) * 1000;
      if (offsetMinutes(middle, timeZone) === previous) before = middle;
      else after = middle;
    }
    transitions.push({ at: after, fromMinutes: previous, toMinutes: offsetMinutes(after, timeZone) });
    previous = offsetMinutes(after, timeZone);
  }
  return transitions;
}

const formatOffset = (minutes: number) => {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
};

/** Daylight time is any offset above the year's smallest (which also holds south of the equator). */
function isDaylight(offset: number, atMs: number, timeZone: string): boolean {
  const year = new Date(atMs).getUTCFullYear();
  const standard = Math.min(offsetMinutes(Date.UTC(year, 0, 1), timeZone), offsetMinutes(Date.UTC(year, 6, 1), timeZone));
  return offset > standard;
}

function observance(onsetMs: number, fromMinutes: number, toMinutes: number, timeZone: string): string[] {
  const kind = isDaylight(toMinutes, onsetMs, timeZone) ? 'DAYLIGHT' : 'STANDARD';
  // An observance's DTSTART is the local time of its onset, read with the offset before it (RFC 5545 §3.6.5).
  const onsetLocal = formatIcalLocal(wallClock(onsetMs + fromMinutes * 60_000, 'UTC'));
  return [
    `BEGIN:${kind}`,
    `DTSTART:${onsetLocal}`,
    `TZOFFSETFROM:${formatOffset(fromMinutes)}`,
    `TZOFFSETTO:${formatOffset(toMinutes)}`,
    `END:${kind}`,
  ];
}

/**
 * A VTIMEZONE component for `timeZone` valid over [fromMs, toMs]: the offset in force at the
 * start, then one observance per transition. Explicit onsets instead of RRULEs keep it exact
 * for any zone the runtime knows, including rule changes between years.
 */
export function vtimezone(timeZone: string, fromMs: number, toMs: number): string {
  // Start at the beginning of the first year so the first observance covers the whole range.
  const start = Date.UTC(new Date(fromMs).getUTCFullYear(), 0, 1) - DAY_MS;
  const end = Date.UTC(new Date(toMs).getUTCFullYear() + 1, 0, 1) + DAY_MS;
  const initial = offsetMinutes(start, timeZone);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`, `X-LIC-LOCATION:${timeZone}`, ...observance(start, initial, initial, timeZone)];
  for (const t of offsetTransitions(timeZone, start, end)) lines.push(...observance(t.at, t.fromMinutes, t.toMinutes, timeZone));
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

/** A VTIMEZONE generator for ical-generator covering, for each zone, the span of the events in it. */
export function vtimezoneGenerator(spans: ReadonlyArray<{ timeZone: string; startMs: number; endMs: number }>) {
  const ranges = new Map<string, { from: number; to: number }>();
  for (const { timeZone, startMs, endMs } of spans) {
    const known = ranges.get(timeZone);
    ranges.set(timeZone, { from: Math.min(known?.from ?? startMs, startMs), to: Math.max(known?.to ?? endMs, endMs) });
  }
  return (timeZone: string): string | null => {
    const range = ranges.get(timeZone);
    return range ? vtimezone(timeZone, range.from, range.to) : null;
  };
}
