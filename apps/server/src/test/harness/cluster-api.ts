import { randomBytes } from 'node:crypto';
import type { Event, EventListResponse, Role, User } from '@turnout/contracts';
import { emailFor } from '../builders/users';
import { freePort, RedisServer, ServerProcess } from './cluster-processes';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface Account {
  user: User;
  cookie: string;
}

export interface Cluster {
  redis: RedisServer;
  db: TestDatabase;
  a: ServerProcess;
  b: ServerProcess;
  close(): Promise<void>;
}

/** Two server processes on one fresh PostgreSQL database and a Redis server of their own. */
export async function startCluster(): Promise<Cluster> {
  const redis = await new RedisServer(await freePort()).start();
  const db = await createTestDatabase();
  if (db.config.kind !== 'postgres') throw new Error('a cluster needs PostgreSQL');
  const env = { DATABASE_URL: db.config.url, REDIS_URL: redis.url };
  const [a, b] = await Promise.all([new ServerProcess(await freePort(), env).start(), new ServerProcess(await freePort(), env).start()]);
  return {
    redis,
    db,
    a,
    b,
    async close() {
      await Promise.all([a.stop(), b.stop()]);
      await redis.stop();
      await db.destroy();
    },
  };
}

/** One HTTP call to a process, from its own origin; throws on a status not in `expected`. */
export async function api<T>(
  server: { url: string },
  method: string,
  path: string,
  as?: Account,
  body?: unknown,
  expected = [200, 201, 204],
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      origin: server.url,
      ...(as ? { cookie: as.cookie } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!expected.includes(response.status)) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return { status: response.status, body: (response.status === 204 ? undefined : await response.json()) as T, headers: response.headers };
}

export async function register(server: { url: string }, role: Role): Promise<Account> {
  const name = `${role}_${randomBytes(5).toString('hex')}`;
  const { body, headers } = await api<{ user: User }>(server, 'POST', '/api/auth/register', undefined, {
    name,
    email: emailFor(name),
    password: 'correct horse battery',
    role,
  });
  const cookie = headers.getSetCookie()[0]?.split(';')[0];
  if (!cookie) throw new Error('register set no cookie');
  return { user: body.user, cookie };
}

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

export async function createEvent(server: { url: string }, organizer: Account, overrides: Record<string, unknown> = {}): Promise<Event> {
  const { body } = await api<{ event: Event }>(server, 'POST', '/api/events', organizer, {
    title: 'Cluster night',
    location: 'Hall A',
    startsAt: inAWeek(),
    timezone: 'Europe/Berlin',
    durationMinutes: 90,
    capacity: null,
    ...overrides,
  });
  return body.event;
}

export async function getEvent(server: { url: string }, as: Account, id: string): Promise<Event> {
  return (await api<{ event: Event }>(server, 'GET', `/api/events/${id}`, as)).body.event;
}

/** Every event, as a fresh load of the list shows it to `as`. */
export async function list(server: { url: string }, as: Account): Promise<EventListResponse> {
  return (await api<EventListResponse>(server, 'GET', '/api/events?when=all&limit=100', as)).body;
}
