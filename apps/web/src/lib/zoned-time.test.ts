import { zoneOffsetMs } from '@turnout/contracts';
import { describe, expect, it } from 'vitest';
import { utcToZonedWallTime, zonedWallTimeToUtc } from './zoned-time';

const iso = (wall: string, zone: string) => zonedWallTimeToUtc(wall, zone)?.toISOString();

describe('zonedWallTimeToUtc', () => {
  it('converts ordinary wall times in winter and summer', () => {
    expect(iso('2026-01-15T18:00', 'Europe/Berlin')).toBe('2026-01-15T17:00:00.000Z');
    expect(iso('2026-07-15T18:00', 'Europe/Berlin')).toBe('2026-07-15T16:00:00.000Z');
    expect(iso('2026-07-15T18:00', 'America/New_York')).toBe('2026-07-15T22:00:00.000Z');
    expect(iso('2026-07-15T18:00', 'UTC')).toBe('2026-07-15T18:00:00.000Z');
    expect(iso('2026-07-15T18:00', 'Asia/Kolkata')).toBe('2026-07-15T12:30:00.000Z');
  });

  it('moves a time skipped by the spring-forward gap forward by the gap', () => {
    // Berlin jumps from 02:00 CET to 03:00 CEST: 02:30 does not exist and becomes 03:30 CEST.
    expect(iso('2026-03-29T02:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
    expect(utcToZonedWallTime('2026-03-29T01:30:00.000Z', 'Europe/Berlin')).toBe('2026-03-29T03:30');
    expect(iso('2026-03-08T02:15', 'America/New_York')).toBe('2026-03-08T07:15:00.000Z');
  });

  it('keeps the edges of the gap exact', () => {
    expect(iso('2026-03-29T01:59', 'Europe/Berlin')).toBe('2026-03-29T00:59:00.000Z');
    expect(iso('2026-03-29T03:00', 'Europe/Berlin')).toBe('2026-03-29T01:00:00.000Z');
  });

  it('takes the earlier occurrence of a time repeated by the fall-back overlap', () => {
    // Berlin shows 02:30 twice: first at CEST (+02:00, 00:30 UTC), then at CET (+01:00, 01:30 UTC).
    expect(iso('2026-10-25T02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
    expect(iso('2026-10-25T03:00', 'Europe/Berlin')).toBe('2026-10-25T02:00:00.000Z');
    expect(iso('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
  });

  it('handles southern-hemisphere and half-hour zones', () => {
    // Sydney springs forward on 2026-10-04 at 02:00 AEST to 03:00 AEDT.
    expect(iso('2026-10-04T02:30', 'Australia/Sydney')).toBe('2026-10-03T16:30:00.000Z');
    // Lord Howe changes by 30 minutes only.
    expect(iso('2026-04-05T01:45', 'Australia/Lord_Howe')).toBe('2026-04-04T14:45:00.000Z');
  });

  it('refuses what is not a date-time', () => {
    expect(zonedWallTimeToUtc('', 'Europe/Berlin')).toBeNull();
    expect(zonedWallTimeToUtc('2026-02-30T10:00', 'Europe/Berlin')).toBeNull();
    expect(zonedWallTimeToUtc('2026-02-10 10:00', 'Europe/Berlin')).toBeNull();
  });
});

describe('utcToZonedWallTime', () => {
  it('round-trips every hour of a DST-change day', () => {
    const start = Date.parse('2026-10-24T20:00:00Z');
    for (let hour = 0; hour < 12; hour++) {
      const instant = new Date(start + hour * 3_600_000);
      const wall = utcToZonedWallTime(instant, 'Europe/Berlin');
      const back = zonedWallTimeToUtc(wall, 'Europe/Berlin');
      // Only the second 02:xx (CET) maps back to its earlier twin, one hour before.
      const expected = zoneOffsetMs(instant.getTime(), 'Europe/Berlin') === 3_600_000 && wall.endsWith('T02:00') ? -3_600_000 : 0;
      expect(back?.getTime()).toBe(instant.getTime() + expected);
    }
  });
});
