import { describe, expect, it } from 'vitest';
import { apiError, mockApi } from '../test/fetch-mock';
import { ApiError, api, retryAfterSeconds } from './api-client';

describe('Retry-After', () => {
  it('reads seconds and HTTP dates, and nothing from a missing or unreadable header', () => {
    const now = Date.parse('2026-01-01T12:00:00.000Z');
    expect(retryAfterSeconds('120', now)).toBe(120);
    expect(retryAfterSeconds('Thu, 01 Jan 2026 12:05:00 GMT', now)).toBe(300);
    expect(retryAfterSeconds('Thu, 01 Jan 2026 11:00:00 GMT', now)).toBe(0);
    expect(retryAfterSeconds(null, now)).toBeNull();
    expect(retryAfterSeconds('soon', now)).toBeNull();
  });

  it('comes with a refusal of the API', async () => {
    mockApi().on('POST', '/api/x', () => apiError(429, 'rate_limited', 'Slow down.', undefined, { 'retry-after': '42' }));
    const error = await api('POST', '/api/x', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', retryAfterSeconds: 42 });
  });
});
