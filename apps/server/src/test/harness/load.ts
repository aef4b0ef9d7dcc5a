// Load for concurrency tests: many users at once, two app instances, real HTTP.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../app';
import { parseConfig } from '../../config';
import { type Database, openDatabase } from '../../db/database';
import { sessions, users } from '../../db/schema';
import { createPasswordHasher } from '../../modules/auth/passwords';
import { hashSessionToken, newSessionToken } from '../../modules/auth/session-tokens';
import { ORIGIN } from './api';
import { type TestApp, testEnv } from './build-test-app';

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
