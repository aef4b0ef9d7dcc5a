import { randomInt } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app';
import { parseConfig } from '../config';
import { buildEvent, eventInput } from '../test/builders/events';
import { buildUser, registration } from '../test/builders/users';
import { call, ORIGIN } from '../test/harness/api';
import { buildTestApp, type TestApp, testEnv } from '../test/harness/build-test-app';
import { createTestDatabase, type TestDatabase } from '../test/harness/test-database';

const freshAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

describe('a write flood from one user', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { RATE_LIMIT_WRITES: '6', RATE_LIMIT_EVENT_CREATES: '3' } });
  });
  afterAll(() => t.close());

  it('caps event creation per hour with a 429 and Retry-After, and nothing is written past it', async () => {
    const organizer = await buildUser(t, { role: 'organizer' });
    for (let i = 0; i < 3; i++) await buildEvent(t, organizer);
    const refused = await call(t, 'POST', '/api/events', { as: organizer, body: eventInput({ title: 'One too many' }) });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(60);
    const mine = await call(t, 'GET', '/api/events?mine=1', { as: organizer });
    expect(mine.json().items.map((e: { title: string }) => e.title)).not.toContain('One too many');
    // Another organizer is not slowed by this one.
    await buildEvent(t, await buildUser(t, { role: 'organizer' }));
  });

  it('caps joins and leaves per minute for the user, not for the event', async () => {
    const organizer = await buildUser(t, { role: 'organizer' });
    const event = await buildEvent(t, organizer);
    const flooder = await buildUser(t);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const method = i % 2 === 0 ? 'PUT' : 'DELETE';
      statuses.push((await call(t, method, `/api/events/${event.id}/participation`, { as: flooder })).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    expect((await call(t, 'PUT', `/api/events/${event.id}/participation`, { as: await buildUser(t) })).statusCode).toBe(200);
  });

  it('counts edits, deletions and feed token rotations as writes too', async () => {
    const organizer = await buildUser(t, { role: 'organizer' });
    const event = await buildEvent(t, organizer);
    let version = event.version;
    for (let i = 0; i < 3; i++) {
      const edited = await call(t, 'PATCH', `/api/events/${event.id}`, { as: organizer, body: { title: `Edit ${i}`, version } });
      expect(edited.statusCode).toBe(200);
      version = edited.json().event.version;
    }
    // One create and three edits so far: a rotation and a deletion reach the limit of 6, the next write is refused.
    expect((await call(t, 'POST', '/api/calendar/token', { as: organizer })).statusCode).toBe(200);
    expect((await call(t, 'DELETE', `/api/events/${event.id}`, { as: organizer })).statusCode).toBe(204);
    expect((await call(t, 'POST', '/api/calendar/token', { as: organizer })).statusCode).toBe(429);
  });
});

/** Logs in with a wrong password from the socket address `from`, claiming to be `forwardedFor`. */
const guess = (app: App, name: string, from: string, forwardedFor: string) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: from,
    headers: { origin: ORIGIN, 'x-forwarded-for': forwardedFor },
    payload: { name, password: 'a wrong guess' },
  });

describe('a spoofed X-Forwarded-For, under each TRUST_PROXY setting', () => {
  // One database for the three apps: each setting is its own app on it.
  let db: TestDatabase;
  const apps: App[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await db.destroy();
  });
  async function appWith(trustProxy: string) {
    const app = await buildApp({
      config: parseConfig({ ...testEnv, RATE_LIMIT_LOGIN_FAILURES: '2', TRUST_PROXY: trustProxy }),
      database: db.database,
      logger: false,
    });
    apps.push(app);
    const name = `xff_${randomInt(1e9)}`;
    const registered = await app.inject({
      method: 'POST',
      url: '/api/auth/register',
      headers: { origin: ORIGIN },
      payload: registration('abuse', { name }),
    });
    expect(registered.statusCode).toBe(201);
    return { app, name };
  }

  it('false: the header is ignored, so rotating it does not escape the limit', async () => {
    const { app, name } = await appWith('false');
    const client = freshAddress();
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await guess(app, name, client, freshAddress())).statusCode);
    expect(statuses).toEqual([401, 401, 429]);
  });

  it('1 hop: the proxy’s own entry is the client, and what a client prepends is not believed', async () => {
    const { app, name } = await appWith('1');
    const proxy = freshAddress();
    const client = freshAddress();
    const statuses = [];
    // The client forges a different first entry each time; the proxy appends the real address last.
    for (let i = 0; i < 3; i++) statuses.push((await guess(app, name, proxy, `${freshAddress()}, ${client}`)).statusCode);
    expect(statuses).toEqual([401, 401, 429]);
    // Someone else behind the same proxy is counted apart.
    expect((await guess(app, name, proxy, freshAddress())).statusCode).toBe(401);
  });

  it('a list of proxies: only those may name the client; anyone else is taken at their socket address', async () => {
    const proxy = freshAddress();
    const { app, name } = await appWith(`${proxy}, 192.168.0.0/16`);
    const direct = freshAddress();
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await guess(app, name, direct, freshAddress())).statusCode);
    expect(statuses).toEqual([401, 401, 429]);
    const client = freshAddress();
    const viaProxy = [];
    for (let i = 0; i < 3; i++) viaProxy.push((await guess(app, name, proxy, client)).statusCode);
    expect(viaProxy).toEqual([401, 401, 429]);
  });
});

describe('security events in the log', () => {
  let db: TestDatabase;
  let app: App;
  const lines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
    const stream = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    app = await buildApp({
      config: parseConfig({ ...testEnv, LOG_LEVEL: 'info' }),
      database: db.database,
      logger: { level: 'info', stream },
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
  });

  const events = () => lines.flatMap((line) => (line.security ? [line.security as Record<string, unknown>] : []));

  it('records logins, failures, logouts and cross-origin refusals, never a password or a token', async () => {
    const password = 'a long secret passphrase';
    const registered = await app.inject({
      method: 'POST',
      url: '/api/auth/register',
      headers: { origin: ORIGIN },
      payload: registration('abuse', { name: `sec_${randomInt(1e9)}`, password }),
    });
    const { id, name } = registered.json().user;
    const login = (body: object) => app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: ORIGIN }, payload: body });
    expect((await login({ name, password: 'wrong' })).statusCode).toBe(401);
    expect((await login({ name: 'nobody_by_this_name', password: 'wrong' })).statusCode).toBe(401);
    const ok = await login({ name, password });
    const cookie = `${ok.cookies[0]?.name}=${ok.cookies[0]?.value}`;
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { origin: ORIGIN, cookie } })).statusCode).toBe(204);
    expect(
      (await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { origin: 'https://evil.example', cookie } })).statusCode,
    ).toBe(403);

    expect(events()).toEqual([
      expect.objectContaining({ event: 'login_failed', userId: id }),
      expect.objectContaining({ event: 'login_failed', userId: null }),
      expect.objectContaining({ event: 'login_succeeded', userId: id }),
      { event: 'logout', userId: id },
      expect.objectContaining({ event: 'csrf_refused', method: 'POST', origin: 'https://evil.example' }),
    ]);
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain(password);
    expect(logged).not.toContain(ok.cookies[0]?.value);
    expect(logged).not.toContain('nobody_by_this_name');
  });
});
