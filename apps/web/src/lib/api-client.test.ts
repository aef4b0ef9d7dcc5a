import { describe, expect, it } from 'vitest';
import { apiError, json, mockApi } from '../test/fetch-mock';
import { ApiError, api, apiUpload, retryAfterSeconds } from './api-client';

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

describe('apiUpload', () => {
  it('sends the form as multipart, leaving its Content-Type (and boundary) to the browser', async () => {
    const server = mockApi().on('PUT', '/api/me/avatar', () => json(200, { ok: true }));
    const form = new FormData();
    form.set('file', new File(['x'], 'a.png', { type: 'image/png' }));
    await expect(apiUpload('PUT', '/api/me/avatar', form)).resolves.toEqual({ ok: true });
    const [sent] = server.sent('PUT', '/api/me/avatar');
    expect(sent?.body).toBe(form);
    expect(sent?.headers.get('content-type')).toBeNull();
    expect(sent?.headers.get('accept')).toBe('application/json');
  });

  it('turns a refusal into the same ApiError as any other call', async () => {
    mockApi().on('PUT', '/api/me/avatar', () => apiError(413, 'payload_too_large', 'The image is larger than 5 MB.'));
    const error = await apiUpload('PUT', '/api/me/avatar', new FormData()).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 413, code: 'payload_too_large', message: 'The image is larger than 5 MB.' });
  });
});
