import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, registration } from '../test/builders/users';
import { ORIGIN } from '../test/harness/api';
import { buildTestApp, type TestApp } from '../test/harness/build-test-app';

const EXTRA_ORIGIN = 'https://admin.turnout.test';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { ALLOWED_ORIGINS: EXTRA_ORIGIN } });
});
afterAll(() => t.close());

const register = (headers: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/register',
    headers,
    payload: registration('csrf'),
  });

function expectRefused(response: Awaited<ReturnType<typeof register>>) {
  expect(response.statusCode).toBe(403);
  expect(response.json()).toEqual({ error: { code: 'cross_origin_refused', message: expect.any(String) } });
  expect(response.headers['set-cookie']).toBeUndefined();
}

describe('cross-origin protection of mutating requests', () => {
  it('refuses a request from a foreign Origin before it does anything', async () => {
    expectRefused(await register({ origin: 'https://evil.example' }));
    expectRefused(await register({ origin: 'http://turnout.test.evil.example' }));
    // Sandboxed frames and some redirects send the literal origin "null".
    expectRefused(await register({ origin: 'null' }));
  });

  it('refuses a logout from a foreign origin, and the session survives', async () => {
    const user = await buildUser(t);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { origin: 'https://evil.example', cookie: user.cookie },
    });
    expect(response.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: user.cookie } })).statusCode).toBe(200);
  });

  it('refuses a browser request marked cross-site even without an Origin', async () => {
    expectRefused(await register({ 'sec-fetch-site': 'cross-site' }));
  });

  it('accepts the public origin, configured ALLOWED_ORIGINS and the origin of the Host it was sent to', async () => {
    expect((await register({ origin: ORIGIN })).statusCode).toBe(201);
    expect((await register({ origin: EXTRA_ORIGIN })).statusCode).toBe(201);
    expect((await register({ origin: 'http://10.0.0.7:8080', host: '10.0.0.7:8080' })).statusCode).toBe(201);
    expect((await register({ 'sec-fetch-site': 'same-origin' })).statusCode).toBe(201);
  });

  it('accepts clients that send no Origin at all (curl, server to server)', async () => {
    expect((await register({})).statusCode).toBe(201);
  });

  it('leaves GET requests alone, whatever their origin', async () => {
    const user = await buildUser(t);
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', cookie: user.cookie },
    });
    expect(response.statusCode).toBe(200);
  });
});
