import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, registration } from '../test/builders/users';
import { call } from '../test/harness/api';
import { buildTestApp, type TestApp } from '../test/harness/build-test-app';

// The page-readable `turnout_signed_in` cookie travels with the session cookie, so the web app asks
// GET /api/auth/me only when someone may be logged in.
const SESSION = 'turnout_session';
const HINT = 'turnout_signed_in';
const ABSOLUTE_MINUTES = 120;

let t: TestApp;
let webDist: string;
beforeAll(async () => {
  webDist = mkdtempSync(join(tmpdir(), 'turnout-web-'));
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Turnout</title>');
  t = await buildTestApp({
    env: { WEB_DIST_DIR: webDist, SESSION_IDLE_MINUTES: '60', SESSION_ABSOLUTE_MINUTES: String(ABSOLUTE_MINUTES) },
  });
});
afterAll(async () => {
  await t.close();
  rmSync(webDist, { recursive: true, force: true });
});

const cookieNamed = (response: LightMyRequestResponse, name: string) => response.cookies.find((cookie) => cookie.name === name);
const me = (cookie?: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: cookie ? { cookie } : {} });
const page = (cookie?: string) => t.app.inject({ method: 'GET', url: '/events/new', headers: cookie ? { cookie } : {} });

function expectCleared(response: LightMyRequestResponse) {
  expect(cookieNamed(response, SESSION)).toMatchObject({ value: '', path: '/' });
  expect(cookieNamed(response, HINT)).toMatchObject({ value: '', path: '/' });
}

describe('the signed-in hint', () => {
  it('is set beside the session cookie at registration and login, readable by the page, with the same lifetime', async () => {
    const register = await call(t, 'POST', '/api/auth/register', {
      body: registration('hint'),
    });
    expect(cookieNamed(register, SESSION)).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: ABSOLUTE_MINUTES * 60 });
    const hint = cookieNamed(register, HINT);
    expect(hint).toMatchObject({ value: '1', sameSite: 'Lax', path: '/', maxAge: ABSOLUTE_MINUTES * 60 });
    expect(hint?.httpOnly).toBeUndefined();

    const user = await buildUser(t);
    const login = await call(t, 'POST', '/api/auth/login', { body: { name: user.user.name, password: user.password } });
    expect(cookieNamed(login, HINT)).toMatchObject({ value: '1', path: '/' });
  });

  it('is cleared with the session cookie at logout', async () => {
    const user = await buildUser(t);
    const logout = await call(t, 'POST', '/api/auth/logout', { as: user });
    expect(logout.statusCode).toBe(204);
    expectCleared(logout);
  });

  it('is cleared with the session cookie when a request with a session that is gone answers 401', async () => {
    const user = await buildUser(t);
    await call(t, 'POST', '/api/auth/logout', { as: user });

    const stale = await me(`${user.cookie}; ${HINT}=1`);
    expect(stale.statusCode).toBe(401);
    expectCleared(stale);
    const forged = await t.app.inject({ method: 'GET', url: '/api/events', headers: { cookie: `${SESSION}=${'A'.repeat(43)}` } });
    expect(forged.statusCode).toBe(401);
    expectCleared(forged);
  });

  it('leaves cookies alone on a 401 to a visitor without them, or to a logged-in user', async () => {
    const anonymous = await me();
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.cookies).toEqual([]);

    const user = await buildUser(t);
    const wrongPassword = await call(t, 'POST', '/api/auth/login', {
      as: user,
      body: { name: user.user.name, password: 'not the password' },
    });
    expect(wrongPassword.statusCode).toBe(401);
    expect(wrongPassword.cookies).toEqual([]);
    expect((await me(user.cookie)).statusCode).toBe(200);
  });

  it('comes with the page whenever the session cookie does, and leaves when it does not', async () => {
    const user = await buildUser(t);
    const withoutHint = await page(user.cookie);
    expect(withoutHint.statusCode).toBe(200);
    expect(withoutHint.headers['content-type']).toMatch(/^text\/html/);
    expect(cookieNamed(withoutHint, HINT)).toMatchObject({ value: '1', path: '/', maxAge: ABSOLUTE_MINUTES * 60 });

    expect((await page(`${user.cookie}; ${HINT}=1`)).cookies).toEqual([]);
    expect((await page()).cookies).toEqual([]);

    const hintAlone = await page(`${HINT}=1`);
    expect(cookieNamed(hintAlone, HINT)).toMatchObject({ value: '' });
    expect(cookieNamed(hintAlone, SESSION)).toBeUndefined();
  });
});

describe('the signed-in hint over https', () => {
  let secure: TestApp;
  const origin = 'https://turnout.test';
  beforeAll(async () => {
    secure = await buildTestApp({ env: { PUBLIC_ORIGIN: origin } });
  });
  afterAll(() => secure.close());

  it('carries the __Host- prefix and Secure, as the session cookie does', async () => {
    const register = await secure.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      headers: { origin },
      payload: registration('tls', { role: 'organizer' }),
    });
    expect(register.statusCode).toBe(201);
    expect(cookieNamed(register, `__Host-${SESSION}`)).toMatchObject({ secure: true, httpOnly: true, path: '/' });
    expect(cookieNamed(register, `__Host-${HINT}`)).toMatchObject({ value: '1', secure: true, path: '/' });
    expect(register.cookies.map((cookie) => cookie.domain)).toEqual([undefined, undefined]);
  });
});
