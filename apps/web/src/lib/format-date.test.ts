import { describe, expect, it } from 'vitest';
import { formatAgo, formatDuration } from './format-date';

describe('durations', () => {
  it.each([
    [45, '45 minutes'],
    [60, '1 hour'],
    [90, '1 hour 30 minutes'],
    [2880, '2 days'],
    [1530, '1 day 1 hour 30 minutes'],
    [10_080, '1 week'],
    [43_200, '4 weeks 2 days'],
  ])('%i minutes read “%s”', (minutes, words) => {
    expect(formatDuration(minutes)).toBe(words);
  });
});

describe('how long ago', () => {
  const now = Date.parse('2026-03-01T12:00:00.000Z');
  const ago = (seconds: number) => formatAgo(new Date(now - seconds * 1000).toISOString(), now);

  it('says “just now” under a minute, either way (a clock a little ahead of the server’s)', () => {
    expect(ago(0)).toBe('just now');
    expect(ago(59)).toBe('just now');
    expect(ago(-5)).toBe('just now');
  });

  it('counts whole minutes, hours, days and weeks, never rounding up', () => {
    expect(ago(60)).toBe('1 minute ago');
    expect(ago(89 * 60)).toBe('1 hour ago');
    expect(ago(3 * 3600)).toBe('3 hours ago');
    expect(ago(86_400)).toBe('yesterday');
    expect(ago(15 * 86_400)).toBe('2 weeks ago');
  });
});
