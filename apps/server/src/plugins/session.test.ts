import { eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../db/schema';
import { buildUser, registration, type TestUser } from '../test/builders/users';
import { ORIGIN } from '../test/harness/api';
import { buildTestApp, type TestApp } from '../test/harness/build-test-app';

const IDLE_MINUTES = 30;
const ABSOLUTE_MINUTES = 120;

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { SESSION_IDLE_MINUTES: String(IDLE_MINUTES), SESSION_ABSOLUTE_MINUTES: String(ABSOLUTE_MINUTES) } });
});
afterAll(() => t.close());

const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
const sessionsOf = (user: TestUser) => t.db.database.db.select().from(sessions).where(eq(sessions.userId, user.user.id));
/** Moves the user's sessions in time, as if minutes had passed since they were last used. */
const setSessions = (user: TestUser, values: PgUpdateSetSource<typeof sessions>) =>
  t.db.database.db.update(sessions).set(values).where(eq(sessions.userId, user.user.id));
const minutesAgo = (minutes: number) => sql`now() - make_interval(mins => ${minutes})`;

async function expectLoggedOut(cookie: string) {
  const response = await me(cookie);
  expect(response.statusCode).toBe(401);
  expect(response.json().error.code).toBe('unauthenticated');
}

describe('session expiry', () => {
  it('gives the cookie the absolute lifetime', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      headers: { origin: ORIGIN },
      payload: registration('exp'),
    });
    expect(response.cookies[0]?.maxAge).toBe(ABSOLUTE_MINUTES * 60);
  });

  it('ends a session idle for longer than SESSION_IDLE_MINUTES and deletes it', async () => {
    const user = await buildUser(t);
    await setSessions(user, { lastSeenAt: minutesAgo(IDLE_MINUTES + 1) });
    await expectLoggedOut(user.cookie);
    expect(await sessionsOf(user)).toEqual([]);
  });

  it('keeps a session used within the idle time alive and records the use', async () => {
    const user = await buildUser(t);
    await setSessions(user, { lastSeenAt: minutesAgo(IDLE_MINUTES - 5) });
    const [before] = await sessionsOf(user);
    expect((await me(user.cookie)).statusCode).toBe(200);
    const [after] = await sessionsOf(user);
    expect(after?.lastSeenAt.getTime()).toBeGreaterThan(before?.lastSeenAt.getTime() ?? Number.POSITIVE_INFINITY);
    // Used again right away, still within the idle time: the session stays.
    expect((await me(user.cookie)).statusCode).toBe(200);
  });

  it('ends a session past its absolute expiry, however recently it was used', async () => {
    const user = await buildUser(t);
    await setSessions(user, { expiresAt: minutesAgo(1), lastSeenAt: sql`now()` });
    await expectLoggedOut(user.cookie);
  });

  it('sets the absolute expiry at login from SESSION_ABSOLUTE_MINUTES', async () => {
    const user = await buildUser(t);
    const [session] = await sessionsOf(user);
    const lifetimeMinutes = ((session?.expiresAt.getTime() ?? 0) - (session?.createdAt.getTime() ?? 0)) / 60_000;
    expect(Math.round(lifetimeMinutes)).toBe(ABSOLUTE_MINUTES);
  });

  it('sweeps idle and expired sessions, ending their sockets, and keeps live ones', async () => {
    const idle = await buildUser(t);
    const expired = await buildUser(t);
    const live = await buildUser(t);
    await setSessions(idle, { lastSeenAt: minutesAgo(IDLE_MINUTES + 1) });
    await setSessions(expired, { expiresAt: minutesAgo(1) });
    const ended: string[] = [];
    const previous = t.app.turnout.publisher;
    t.app.turnout.setPublisher({ publish() {}, endSession: (id) => ended.push(id) });
    try {
      expect(await t.app.turnout.auth.sweepExpiredSessions()).toBeGreaterThanOrEqual(2);
    } finally {
      t.app.turnout.setPublisher(previous);
    }
    expect(await sessionsOf(idle)).toEqual([]);
    expect(await sessionsOf(expired)).toEqual([]);
    expect(ended.length).toBeGreaterThanOrEqual(2);
    expect((await me(live.cookie)).statusCode).toBe(200);
  });
});

describe('logout', () => {
  it('ends only the session it was sent with', async () => {
    const user = await buildUser(t);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: ORIGIN },
      payload: { name: user.user.name, password: user.password },
    });
    const secondDevice = `${login.cookies[0]?.name}=${login.cookies[0]?.value}`;
    const logout = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { origin: ORIGIN, cookie: user.cookie } });
    expect(logout.statusCode).toBe(204);
    expect(logout.cookies[0]).toMatchObject({ name: 'turnout_session', value: '' });
    await expectLoggedOut(user.cookie);
    expect((await me(secondDevice)).statusCode).toBe(200);
  });

  it('treats a forged or malformed cookie as no session', async () => {
    await expectLoggedOut(`turnout_session=${'A'.repeat(43)}`);
    await expectLoggedOut('turnout_session=not a token');
    await expectLoggedOut(`turnout_session=${'x'.repeat(5000)}`);
  });
});

describe('private answers are never cached', () => {
  it('sends Cache-Control: no-store with every answer that depends on the session', async () => {
    const organizer = await buildUser(t, { role: 'organizer' });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/events',
      headers: { origin: ORIGIN, cookie: organizer.cookie },
      payload: {
        title: 'Cache test',
        location: 'Hall',
        startsAt: new Date(Date.now() + 86_400_000).toISOString(),
        timezone: 'UTC',
        durationMinutes: 60,
      },
    });
    const eventId = created.json().event.id;
    const answers = await Promise.all([
      me(organizer.cookie),
      me('turnout_session=nobody'),
      t.app.inject({ method: 'GET', url: `/api/events/${eventId}/attendees`, headers: { cookie: organizer.cookie } }),
      t.app.inject({ method: 'GET', url: '/api/calendar/token', headers: { cookie: organizer.cookie } }),
      t.app.inject({ method: 'GET', url: '/api/events', headers: { cookie: organizer.cookie } }),
    ]);
    for (const answer of answers) expect(answer.headers['cache-control']).toBe('no-store');
    expect(answers.map((a) => a.statusCode)).toEqual([200, 401, 200, 200, 200]);
  });
});
