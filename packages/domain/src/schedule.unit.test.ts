import { describe, expect, it } from 'vitest';
import { endsAtFor, hasEnded } from './schedule';

describe('endsAtFor', () => {
  it('adds the duration to the start', () => {
    expect(endsAtFor(new Date('2030-03-30T23:30:00Z'), 90).toISOString()).toBe('2030-03-31T01:00:00.000Z');
  });
});

describe('hasEnded', () => {
  const endsAt = '2030-01-01T12:00:00.000Z';

  it('is false before the end and true from the end on', () => {
    expect(hasEnded({ endsAt }, Date.parse(endsAt) - 1)).toBe(false);
    expect(hasEnded({ endsAt }, Date.parse(endsAt))).toBe(true);
    expect(hasEnded({ endsAt }, Date.parse(endsAt) + 1)).toBe(true);
  });

  it('reads the end and the time asked about as Dates, text or milliseconds alike', () => {
    expect(hasEnded({ endsAt: new Date(endsAt) }, new Date(endsAt))).toBe(true);
    expect(hasEnded({ endsAt }, '2029-12-31T23:59:59.999Z')).toBe(false);
  });

  it('compares Dates to the millisecond, not to the second their text shows', () => {
    const halfPast = new Date('2030-01-01T12:00:00.500Z');
    expect(hasEnded({ endsAt: halfPast }, new Date('2030-01-01T12:00:00.499Z'))).toBe(false);
    expect(hasEnded({ endsAt: halfPast }, new Date('2030-01-01T12:00:00.500Z'))).toBe(true);
  });
});
