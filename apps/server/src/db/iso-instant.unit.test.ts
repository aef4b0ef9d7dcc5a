import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoFromPostgres } from './iso-instant';

describe('isoFromPostgres', () => {
  it('rewrites what a UTC session prints as the ISO text the API sends', () => {
    expect(isoFromPostgres('2026-12-02 04:06:25.123+00')).toBe('2026-12-02T04:06:25.123Z');
    expect(isoFromPostgres('2026-12-02 04:06:25.12+00')).toBe('2026-12-02T04:06:25.120Z');
    expect(isoFromPostgres('2026-12-02 04:06:25+00')).toBe('2026-12-02T04:06:25.000Z');
    expect(isoFromPostgres('2026-12-02 04:06:25.123999+00')).toBe('2026-12-02T04:06:25.123Z');
    expect(isoFromPostgres('0099-01-01 00:00:00+00')).toBe('0099-01-01T00:00:00.000Z');
  });

  it('reads other offsets as the instant they name', () => {
    expect(isoFromPostgres('2026-12-02 09:36:25.5+05:30')).toBe('2026-12-02T04:06:25.500Z');
    expect(isoFromPostgres('2026-12-01 23:06:25-05')).toBe('2026-12-02T04:06:25.000Z');
  });

  it('agrees with parsing into a Date and formatting it again, for any instant PostgreSQL prints in UTC', () => {
    const pgText = fc
      .record({
        ms: fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }),
        micros: fc.integer({ min: 0, max: 999 }),
      })
      .map(({ ms, micros }) => {
        const iso = new Date(ms).toISOString();
        // PostgreSQL prints up to six fraction digits and drops trailing zeros (and a zero fraction).
        const fraction = `${iso.slice(20, 23)}${String(micros).padStart(3, '0')}`.replace(/0+$/, '');
        return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction ? `.${fraction}` : ''}+00`;
      });
    fc.assert(
      fc.property(pgText, (text) => {
        expect(isoFromPostgres(text)).toBe(new Date(text).toISOString());
      }),
    );
  });
});
