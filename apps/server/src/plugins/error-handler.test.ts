import { BODY_LIMIT_BYTES } from '@turnout/contracts';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, type TestUser } from '../test/builders/users';
import { ORIGIN } from '../test/harness/api';
import { buildTestApp, type TestApp } from '../test/harness/build-test-app';

let t: TestApp;
let user: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  user = await buildUser(t);
});
afterAll(() => t.close());

const send = (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body: string, contentType = 'application/json') =>
  t.app.inject({ method, url, payload: body, headers: { origin: ORIGIN, 'content-type': contentType, cookie: user.cookie } });

function expectError(response: LightMyRequestResponse, status: number, code: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.json()).toMatchObject({ error: { code, message: expect.any(String) } });
}

describe('bad input gets a clear 4xx in the error shape', () => {
  it('malformed JSON → 400', async () => {
    expectError(await send('POST', '/api/auth/login', '{"name": "ada", '), 400, 'bad_request');
    expectError(await send('POST', '/api/auth/login', ''), 400, 'bad_request');
    // Prototype pollution attempts are refused by the parser, never merged.
    expectError(await send('POST', '/api/auth/login', '{"__proto__": {"admin": true}, "name": "a", "password": "b"}'), 400, 'bad_request');
  });

  it('a body that is not JSON → 415', async () => {
    expectError(
      await send('POST', '/api/auth/login', 'name=ada&password=x', 'application/x-www-form-urlencoded'),
      415,
      'unsupported_media_type',
    );
    expectError(await send('POST', '/api/auth/login', 'name ada', 'text/plain'), 415, 'unsupported_media_type');
    expectError(
      await send('POST', '/api/auth/login', '--x\r\n\r\n--x--', 'multipart/form-data; boundary=x'),
      415,
      'unsupported_media_type',
    );
  });

  it(`a body over ${BODY_LIMIT_BYTES / 1024} KiB → 413`, async () => {
    const body = JSON.stringify({ name: 'ada', password: 'x'.repeat(BODY_LIMIT_BYTES) });
    expectError(await send('POST', '/api/auth/login', body), 413, 'payload_too_large');
  });

  it('wrong types → 400 with an error for each field', async () => {
    const response = await send('POST', '/api/auth/register', JSON.stringify({ name: 42, password: ['x'], role: null }));
    expectError(response, 400, 'validation_failed');
    const { fields } = response.json().error.details as { fields: Record<string, string[]> };
    expect(Object.keys(fields).sort()).toEqual(['email', 'name', 'password', 'role']);
    for (const messages of Object.values(fields)) expect(messages.length).toBeGreaterThan(0);
  });

  it('a JSON value that is not an object → 400', async () => {
    for (const body of ['[]', '"text"', '42', 'null', 'true']) {
      expect((await send('POST', '/api/auth/login', body)).statusCode, body).toBe(400);
    }
  });

  it('an unknown route or method → 404 in the error shape', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/api/does-not-exist' }), 404, 'not_found');
    expectError(await t.app.inject({ method: 'DELETE', url: '/api/auth/me', headers: { origin: ORIGIN } }), 404, 'not_found');
    expectError(await t.app.inject({ method: 'GET', url: '/api/auth/me/../../etc/passwd' }), 404, 'not_found');
  });

  it('never answers 5xx to arbitrary bodies, paths and query strings', async () => {
    const jsonish = fc.oneof(
      fc.json(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.record({ name: fc.jsonValue(), password: fc.jsonValue(), role: fc.jsonValue() }).map((v) => JSON.stringify(v)),
      fc.string({ unit: 'binary', maxLength: 200 }),
    );
    // Not logout: any valid body would end the session the rest of the run relies on.
    const urls = ['/api/auth/register', '/api/auth/login', '/api/calendar/token'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...urls), jsonish, async (url, body) => {
        const response = await send('POST', url, body);
        expect(response.statusCode, `${url} ${body}`).toBeLessThan(500);
        if (response.statusCode >= 400) expect(response.json().error.code).toEqual(expect.any(String));
      }),
      { numRuns: 150 },
    );
    const segment = fc.string({ unit: 'binary', maxLength: 30 }).map(encodeURIComponent);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/api/events/', '/api/calendar/', '/api/auth/', '/api/', '/api/public/events/'),
        segment,
        segment,
        async (prefix, path, query) => {
          const response = await t.app.inject({
            method: 'GET',
            url: `${prefix}${path}?q=${query}&limit=${query}`,
            headers: { cookie: user.cookie },
          });
          expect(response.statusCode, `${prefix}${path}?${query}`).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
  });
});
