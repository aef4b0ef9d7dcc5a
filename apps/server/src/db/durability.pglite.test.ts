import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { emailFor, uniqueName } from '../test/builders/users';
import { fetchFrom, runServerUntilExit, type ServerProcess, startServer } from '../test/harness/server-process';

// The embedded engine only: a real server process on a DATA_DIR, killed without warning.
let dataDir: string;
const running: ServerProcess[] = [];
const start = async () => {
  const server = await startServer({ DATA_DIR: dataDir });
  running.push(server);
  return server;
};

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'turnout-durability-'));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop('SIGKILL')));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const credentials = () => {
  const name = uniqueName('durable');
  return { name, email: emailFor(name), password: 'correct horse battery', role: 'joiner' as const };
};

describe('embedded mode (PGlite on DATA_DIR)', { timeout: 120_000 }, () => {
  it('keeps a committed registration when the process is killed with SIGKILL right after answering', async () => {
    const first = await start();
    const user = credentials();
    const registered = await fetchFrom(first.url, '/api/auth/register', { method: 'POST', json: user });
    expect(registered.status).toBe(201);
    await first.stop('SIGKILL');

    const second = await start();
    const login = await fetchFrom(second.url, '/api/auth/login', { method: 'POST', json: { name: user.name, password: user.password } });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { user: { name: string } }).user.name).toBe(user.name);
  });

  it('refuses a second process on the same DATA_DIR, naming it, while the first keeps serving', async () => {
    const first = await start();
    const refused = await runServerUntilExit({ DATA_DIR: dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('DATA_DIR');
    expect(refused.stderr).toContain(dataDir);

    expect(JSON.parse(await readFile(join(dataDir, 'turnout.lease.json'), 'utf8'))).toMatchObject({ pid: first.child.pid });
    const registered = await fetchFrom(first.url, '/api/auth/register', { method: 'POST', json: credentials() });
    expect(registered.status).toBe(201);
  });
});
