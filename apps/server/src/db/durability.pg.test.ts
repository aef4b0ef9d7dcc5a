import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { emailFor, uniqueName } from '../test/builders/users';
import { fetchFrom, type ServerProcess, startServer } from '../test/harness/server-process';
import { createTestDatabase, type TestDatabase } from '../test/harness/test-database';

// PostgreSQL mode: real server processes on one database, killed without warning.
let db: TestDatabase;
let databaseUrl: string;
const running: ServerProcess[] = [];
const start = async () => {
  const server = await startServer({ DATABASE_URL: databaseUrl, DATABASE_POOL_MAX: '4' });
  running.push(server);
  return server;
};

beforeAll(async () => {
  db = await createTestDatabase();
  if (db.config.kind !== 'postgres') throw new Error('this suite needs PostgreSQL');
  databaseUrl = db.config.url;
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop('SIGKILL')));
});
afterAll(() => db.destroy());

const credentials = () => {
  const name = uniqueName('durable');
  return { name, email: emailFor(name), password: 'correct horse battery', role: 'organizer' as const };
};

describe('PostgreSQL mode', { timeout: 120_000 }, () => {
  it('keeps a committed registration when the process is killed with SIGKILL right after answering', async () => {
    const first = await start();
    const user = credentials();
    expect((await fetchFrom(first.url, '/api/auth/register', { method: 'POST', json: user })).status).toBe(201);
    await first.stop('SIGKILL');

    const second = await start();
    const login = await fetchFrom(second.url, '/api/auth/login', { method: 'POST', json: { name: user.name, password: user.password } });
    expect(login.status).toBe(200);
  });

  it('lets any process serve a session another process created', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    const registered = await fetchFrom(a.url, '/api/auth/register', { method: 'POST', json: credentials() });
    expect(registered.status).toBe(201);
    const cookie = registered.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const me = await fetchFrom(b.url, '/api/auth/me', { headers: { cookie } });
    expect(me.status).toBe(200);
  });
});
