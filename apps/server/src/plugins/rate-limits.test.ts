import { randomInt } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, registration, uniqueName } from '../test/builders/users';
import { ORIGIN } from '../test/harness/api';
import { buildTestApp, type TestApp } from '../test/harness/build-test-app';

/** A client address no other test (or earlier run sharing Redis) uses. */
const freshAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

const post = (t: TestApp, url: string, payload: object, remoteAddress = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url, payload, remoteAddress, headers: { origin: ORIGIN } });

const register = (t: TestApp, address: string) => post(t, '/api/auth/register', registration('rl'), address);

function expectRateLimited(response: LightMyRequestResponse, maxSeconds: number) {
  expect(response.statusCode).toBe(429);
  const retryAfter = Number(response.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
  expect(response.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringContaining('Too many requests') } });
}

describe('register and login attempts per address (RATE_LIMIT_AUTH per minute)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { RATE_LIMIT_AUTH: '3' } });
  });
  afterAll(() => t.close());

  it('counts registrations and logins together, then answers 429 with Retry-After', async () => {
    const address = freshAddress();
    const first = await register(t, address);
    expect(first.statusCode).toBe(201);
    const name = first.json().user.name as string;
    expect((await post(t, '/api/auth/login', { name, password: 'wrong password' }, address)).statusCode).toBe(401);
    expect((await post(t, '/api/auth/login', { name, password: 'correct horse battery' }, address)).statusCode).toBe(200);
    expectRateLimited(await post(t, '/api/auth/login', { name, password: 'correct horse battery' }, address), 60);
    expectRateLimited(await register(t, address), 60);
  });

  it('limits each address on its own', async () => {
    const busy = freshAddress();
    for (let i = 0; i < 3; i++) expect((await register(t, busy)).statusCode).toBe(201);
    expect((await register(t, busy)).statusCode).toBe(429);
    expect((await register(t, freshAddress())).statusCode).toBe(201);
  });
});

describe('failed logins per name and address (RATE_LIMIT_LOGIN_FAILURES per 15 minutes)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { RATE_LIMIT_LOGIN_FAILURES: '3' } });
  });
  afterAll(() => t.close());

  it('refuses the guessing address, even the right password in any letter case, while the owner logs in from elsewhere', async () => {
    const target = await buildUser(t);
    const attacker = freshAddress();
    for (let i = 0; i < 3; i++) {
      expect((await post(t, '/api/auth/login', { name: target.user.name, password: 'guess' }, attacker)).statusCode).toBe(401);
    }
    expectRateLimited(await post(t, '/api/auth/login', { name: target.user.name, password: target.password }, attacker), 15 * 60);
    expectRateLimited(await post(t, '/api/auth/login', { name: target.user.name.toUpperCase(), password: 'guess' }, attacker), 15 * 60);
    // Names are public on event pages: anyone could otherwise lock anyone out.
    expect((await post(t, '/api/auth/login', { name: target.user.name, password: target.password }, freshAddress())).statusCode).toBe(200);
  });

  it('counts parallel guesses one by one: no more get an answer than the limit allows', async () => {
    const target = await buildUser(t);
    const attacker = freshAddress();
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => post(t, '/api/auth/login', { name: target.user.name, password: 'guess' }, attacker)),
    );
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([...Array(3).fill(401), ...Array(27).fill(429)]);
  });

  it('counts failures at an address under any spelling that folds to the same name, as the lookup does', async () => {
    const target = await buildUser(t, { name: uniqueName('kelvin') });
    // U+212A KELVIN SIGN lowercases to "k" in JavaScript and in PostgreSQL's lower(): the login
    // lookup finds the account under this spelling, so its failures count against the same name:
    // otherwise each look-alike spelling would bring a fresh set of guesses.
    const lookalike = `\u212A${target.user.name.slice(1)}`;
    const address = freshAddress();
    for (let i = 0; i < 3; i++)
      expect((await post(t, '/api/auth/login', { name: lookalike, password: 'guess' }, address)).statusCode).toBe(401);
    expectRateLimited(await post(t, '/api/auth/login', { name: target.user.name, password: target.password }, address), 15 * 60);
  });

  it('forgets earlier failures at an address after a successful login from it', async () => {
    const user = await buildUser(t);
    const address = freshAddress();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 2; i++)
        expect((await post(t, '/api/auth/login', { name: user.user.name, password: 'guess' }, address)).statusCode).toBe(401);
      expect((await post(t, '/api/auth/login', { name: user.user.name, password: user.password }, address)).statusCode).toBe(200);
    }
  });
});

describe('failed logins per address over all names (RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS per hour)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS: '4' } });
  });
  afterAll(() => t.close());

  it('stops one address trying name after name, and leaves other addresses alone', async () => {
    const stuffer = freshAddress();
    const victims = await Promise.all(Array.from({ length: 5 }, () => buildUser(t)));
    for (const victim of victims.slice(0, 4)) {
      expect((await post(t, '/api/auth/login', { name: victim.user.name, password: 'Password1' }, stuffer)).statusCode).toBe(401);
    }
    const last = victims[4] as (typeof victims)[number];
    expectRateLimited(await post(t, '/api/auth/login', { name: last.user.name, password: 'Password1' }, stuffer), 60 * 60);
    expect((await post(t, '/api/auth/login', { name: last.user.name, password: last.password }, freshAddress())).statusCode).toBe(200);
  });
});

describe('with Redis, limits are shared by every process', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const env = { RATE_LIMIT_AUTH: '4', RATE_LIMIT_LOGIN_FAILURES: '2' };
    [a, b] = await Promise.all([buildTestApp({ env, redis: true }), buildTestApp({ env, redis: true })]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it('counts one address across two app instances', async () => {
    const address = freshAddress();
    for (const app of [a, b, a, b]) expect((await register(app, address)).statusCode).toBe(201);
    expectRateLimited(await register(a, address), 60);
    expectRateLimited(await register(b, address), 60);
  });

  it('counts failed logins of one name from one address across two app instances', async () => {
    // A fresh address and name: Redis keeps counts between runs and files.
    const name = (await register(a, freshAddress())).json().user.name as string;
    const guesser = freshAddress();
    expect((await post(a, '/api/auth/login', { name, password: 'guess' }, guesser)).statusCode).toBe(401);
    expect((await post(b, '/api/auth/login', { name, password: 'guess' }, guesser)).statusCode).toBe(401);
    expectRateLimited(await post(a, '/api/auth/login', { name, password: 'correct horse battery' }, guesser), 15 * 60);
    // (Each instance has a database of its own here: the account exists in a's.)
    expect((await post(a, '/api/auth/login', { name, password: 'correct horse battery' }, freshAddress())).statusCode).toBe(200);
  });
});
