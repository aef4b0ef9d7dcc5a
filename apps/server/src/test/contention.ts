import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { buildApp } from '../app';
import { parseConfig } from '../config';
import { type Database, openDatabase } from '../db/database';
import { notifications, sessions, users } from '../db/schema';
import { createPasswordHasher } from '../modules/auth/passwords';
import { hashSessionToken, newSessionToken } from '../modules/auth/session-tokens';
import { type TestApp, testEnv } from './build-test-app';
import { buildUser, ORIGIN } from './builders';
import { buildEvent, call } from './event-builders';

export interface LoadUser {
  id: string;
  /** The `Cookie` header value of the user's session. */
  cookie: string;
}

/**
 * Many joiners at once, written straight to the database with one password hash and a fresh
 * session each: registering a thousand users through argon2 would measure hashing, not joins.
 */
export async function insertJoiners(t: TestApp, count: number): Promise<LoadUser[]> {
  const passwordHash = await createPasswordHasher(parseConfig(testEnv).argon2).hash('correct horse battery');
  const prefix = `load_${randomBytes(4).toString('hex')}`;
  const db = t.db.database.db;
  const rows = await db
    .insert(users)
    .values(Array.from({ length: count }, (_, i) => ({ name: `${prefix}_${i}`, role: 'joiner' as const, passwordHash })))
    .returning({ id: users.id });
  const expiresAt = new Date(Date.now() + 3_600_000);
  const tokens = rows.map(() => newSessionToken());
  await db.insert(sessions).values(rows.map((row, i) => ({ tokenHash: hashSessionToken(tokens[i] as string), userId: row.id, expiresAt })));
  const cookieName = t.app.turnout.cookies.name;
  return rows.map((row, i) => ({ id: row.id, cookie: `${cookieName}=${tokens[i]}` }));
}

/**
 * The test app plus a second app instance on the same database, both listening on loopback:
 * two server processes as far as the database can tell (on PostgreSQL each has its own pool).
 */
export async function startTwoInstances(t: TestApp): Promise<{ urls: [string, string]; close(): Promise<void> }> {
  const database: Database = t.db.config.kind === 'postgres' ? await openDatabase(t.db.config) : t.db.database;
  const second = await buildApp({ config: parseConfig(testEnv), database, logger: false });
  const listen = async (app: { listen: (o: { port: number; host: string }) => Promise<string>; server: { address(): unknown } }) => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  };
  const urls: [string, string] = [await listen(t.app), await listen(second)];
  return {
    urls,
    async close() {
      await second.close();
      if (database !== t.db.database) await database.close();
    },
  };
}

/** Runs `tasks` with at most `limit` in flight; answers results in task order. */
export async function inPool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await (tasks[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** One API call over real HTTP as `user`. */
export async function send(baseUrl: string, method: 'PUT' | 'DELETE' | 'GET', path: string, user: LoadUser) {
  const response = await fetch(`${baseUrl}${path}`, { method, headers: { cookie: user.cookie, origin: ORIGIN } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

type Attendees = { joined: { userId: string; since: string }[]; waitlisted: { userId: string; position: number; since: string }[] };

/**
 * PRODUCT.md §6's contention bar, at any size: `joiners` join a `capacity`-seat event all at once
 * through both instances, then `leaves` of the seated leave at once. Asserts that exactly
 * `capacity` are seated, the rest wait in arrival order with positions 1..n, every answer
 * agrees with the final lists, and the leaves seat exactly the head of the waitlist, in order.
 */
export async function joinRush(t: TestApp, options: { joiners: number; capacity: number; leaves: number; inFlight: number }) {
  const { joiners, capacity, leaves, inFlight } = options;
  const organizer = await buildUser(t, { role: 'organizer' });
  const event = await buildEvent(t, organizer, { capacity });
  const people = await insertJoiners(t, joiners);
  const byId = new Map(people.map((user) => [user.id, user]));
  const attendees = async (): Promise<Attendees> => (await call(t, 'GET', `/api/events/${event.id}/attendees`, { as: organizer })).json();
  const stored = async () => (await call(t, 'GET', `/api/events/${event.id}`, { as: organizer })).json().event;
  const servers = await startTwoInstances(t);
  const path = `/api/events/${event.id}/participation`;
  try {
    const joins = await inPool(
      people.map((user, i) => () => send(servers.urls[i % 2] as string, 'PUT', path, user)),
      inFlight,
    );
    expect(joins.map((r) => r.status)).toEqual(people.map(() => 200));

    const before = await attendees();
    expect(before.joined).toHaveLength(capacity);
    expect(before.waitlisted.map((w) => w.position)).toEqual(Array.from({ length: joiners - capacity }, (_, i) => i + 1));
    expect(new Set([...before.joined, ...before.waitlisted].map((a) => a.userId)).size).toBe(joiners);
    const answered = new Map(people.map((user, i) => [user.id, joins[i]?.body.participation]));
    for (const seated of before.joined) expect(answered.get(seated.userId)).toEqual({ status: 'joined' });
    for (const waiting of before.waitlisted)
      expect(answered.get(waiting.userId)).toEqual({ status: 'waitlisted', position: waiting.position });
    expect(await stored()).toMatchObject({ joinedCount: capacity, waitlistCount: joiners - capacity, version: 1 + joiners });

    const leavers = before.joined.slice(0, leaves).map((a) => byId.get(a.userId) as LoadUser);
    const results = await inPool(
      leavers.map((user, i) => () => send(servers.urls[i % 2] as string, 'DELETE', path, user)),
      inFlight,
    );
    expect(results.map((r) => r.status)).toEqual(leavers.map(() => 200));

    const after = await attendees();
    const promoted = before.waitlisted.slice(0, leaves).map((w) => w.userId);
    const stayed = before.joined.slice(leaves).map((a) => a.userId);
    expect(after.joined.map((a) => a.userId).sort()).toEqual([...stayed, ...promoted].sort());
    expect(after.waitlisted.map((w) => w.userId)).toEqual(before.waitlisted.slice(leaves).map((w) => w.userId));
    expect(after.waitlisted.map((w) => w.position)).toEqual(Array.from({ length: joiners - capacity - leaves }, (_, i) => i + 1));
    // Promoted in waitlist order: each promotion happened no earlier than the one before it.
    const promotedAt = new Map(after.joined.map((a) => [a.userId, Date.parse(a.since)]));
    const times = promoted.map((id) => promotedAt.get(id) as number);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(await stored()).toMatchObject({ joinedCount: capacity, waitlistCount: joiners - capacity - leaves });

    const notices = await t.db.database.db
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(and(eq(notifications.eventId, event.id), eq(notifications.type, 'promoted')));
    expect(notices.map((n) => n.userId).sort()).toEqual([...promoted].sort());
  } finally {
    await servers.close();
  }
}
