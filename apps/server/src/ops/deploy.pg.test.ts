import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  type ClientToServerEvents,
  type EventCreateInput,
  EventResponseSchema,
  type RealtimePayload,
  type ServerToClientEvents,
} from '@turnout/contracts';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../test/builders/users';
import { readRepoFile, repoPath } from '../test/deploy-files';
import { type Child, freePort, startChild } from '../test/harness/child-process';
import { createTestDatabase, type TestDatabase } from '../test/harness/test-database';

/**
 * deploy/nginx/nginx.conf in front of two real server processes on one PostgreSQL and Redis:
 * what a browser sees through the load balancer of `docker compose -f deploy/compose.yaml up`.
 */
let db: TestDatabase;
let workDir: string;
let origin: string;
let replicas: Replica[] = [];
let nginx: Child | undefined;
const sockets: TurnoutSocket[] = [];

interface Replica {
  url: string;
  process: Child;
}

/** The server entry (src/server.ts) as a replica of the deployment, on a port of its own. */
async function startReplica(nginxOrigin: string): Promise<Replica> {
  if (db.config.kind !== 'postgres') throw new Error('needs PostgreSQL');
  const child = startChild(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: repoPath('apps/server'),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: db.config.url,
      DATABASE_POOL_MAX: '5',
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      PUBLIC_ORIGIN: nginxOrigin,
      TRUST_PROXY: 'true',
      // info, not warn: the "listening" line is what tells the port.
      LOG_LEVEL: 'info',
      ARGON2_MEMORY_KIB: '64',
      ARGON2_ITERATIONS: '1',
    },
  });
  const [, url = ''] = await child.waitFor(/"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/);
  return { url, process: child };
}

/** A request as the app's own page makes it: its Origin, and JSON when there is a body. */
const request = (base: string, path: string, init: { method?: string; json?: unknown; cookie?: string } = {}) =>
  fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      origin: base,
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });

/** The repository's nginx.conf, listening on `port`, with the replicas as its upstream.conf and its files in `dir`. */
async function writeNginxConf(dir: string, port: number, upstreamPorts: number[]): Promise<string> {
  let conf = readRepoFile('deploy/nginx/nginx.conf');
  const edit = (from: string, to: string) => {
    if (!conf.includes(from)) throw new Error(`deploy/nginx/nginx.conf no longer contains "${from}"`);
    conf = conf.replace(from, to);
  };
  edit('listen 8080;', `listen 127.0.0.1:${port};`);
  // notice: nginx then reports when it has bound its port and started its workers.
  edit('error_log /dev/stderr warn;', 'error_log stderr notice;');
  // /dev/stdout cannot be opened when stdout is a socket, as Node's child-process pipes are.
  edit('access_log /dev/stdout;', `access_log ${join(dir, 'access.log')};`);
  const temp = ['client_body', 'proxy'].map((kind) => `${kind}_temp_path ${join(dir, kind)};`).join(' ');
  edit('http {', `http {\n  ${temp}`);
  await writeFile(join(dir, 'nginx.conf'), conf);
  await writeFile(join(dir, 'upstream.conf'), upstreamPorts.map((p) => `server 127.0.0.1:${p};\n`).join(''));
  return join(dir, 'nginx.conf');
}

beforeAll(async () => {
  db = await createTestDatabase();
  workDir = await mkdtemp(join(tmpdir(), 'turnout-nginx-'));
  await chmod(workDir, 0o755); // nginx workers run as an unprivileged user when started by root
  const nginxPort = await freePort();
  origin = `http://127.0.0.1:${nginxPort}`;
  replicas = await Promise.all([startReplica(origin), startReplica(origin)]);

  const conf = await writeNginxConf(
    workDir,
    nginxPort,
    replicas.map((r) => Number(new URL(r.url).port)),
  );
  const args = ['-p', workDir, '-c', conf];
  const checked = await promisify(execFile)('nginx', [...args, '-t', '-g', `pid ${join(workDir, 'nginx.pid')};`]).catch((error: Error) => {
    throw new Error(`nginx -t failed (is nginx installed? apt-get install nginx-light): ${error.message}`);
  });
  expect(checked.stderr).toContain('test is successful');
  nginx = startChild('nginx', [...args, '-g', `pid ${join(workDir, 'nginx.pid')}; daemon off;`], { cwd: workDir, env: process.env });
  await nginx.waitFor(/start worker process/);
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await nginx?.stop();
  await Promise.all(replicas.map((r) => r.process.stop()));
  await db?.destroy();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function register(role: 'organizer' | 'joiner') {
  const name = uniqueName(role);
  const password = 'correct horse battery';
  const response = await request(origin, '/api/auth/register', { method: 'POST', json: { name, password, role } });
  expect(response.status).toBe(201);
  return { name, password, cookie: sessionCookie(response) };
}

const sessionCookie = (response: Response) => {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('turnout_session='));
  if (!cookie) throw new Error(`no session cookie in ${response.status} ${response.url}`);
  return cookie.split(';')[0] ?? '';
};

const eventInput: EventCreateInput = {
  title: 'Load balancer meetup',
  location: 'Hall 2',
  startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  timezone: 'Europe/Berlin',
  durationMinutes: 90,
};

type TurnoutSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The next `event:created` on `socket` for an event titled `title`. */
function nextCreated(socket: TurnoutSocket, title: string) {
  return new Promise<RealtimePayload<'event:created'>>((resolve) => {
    const listener = (payload: RealtimePayload<'event:created'>) => {
      if (payload.event.title !== title) return;
      socket.off('event:created', listener);
      resolve(payload);
    };
    socket.on('event:created', listener);
  });
}

describe('nginx in front of two replicas', () => {
  it('answers health and readiness through the load balancer, and keeps /metrics private', async () => {
    const health = await fetch(`${origin}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await fetch(`${origin}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'ok' } });
    expect((await fetch(`${origin}/metrics`)).status).toBe(404);
  });

  it('registers and logs in with cookies, and compresses JSON', async () => {
    const { name, password } = await register('joiner');
    const login = await request(origin, '/api/auth/login', { method: 'POST', json: { name, password } });
    expect(login.status).toBe(200);
    const me = await fetch(`${origin}/api/auth/me`, { headers: { cookie: sessionCookie(login) } });
    expect(await me.json()).toMatchObject({ user: { name, role: 'joiner' } });

    const openapi = await fetch(`${origin}/api/openapi.json`, { headers: { 'accept-encoding': 'gzip' } });
    expect([openapi.status, openapi.headers.get('content-encoding')]).toEqual([200, 'gzip']);
  });

  it('refuses a body larger than the API accepts with the API error shape', async () => {
    const response = await request(origin, '/api/auth/login', {
      method: 'POST',
      json: { name: 'someone', password: 'x'.repeat(70_000) },
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('upgrades a logged-in socket to WebSocket and delivers events created on either replica', async () => {
    const organizer = await register('organizer');
    const joiner = await register('joiner');
    const socket: TurnoutSocket = io(origin, {
      extraHeaders: { cookie: joiner.cookie, origin },
      reconnection: false,
    });
    sockets.push(socket);
    const upgraded = new Promise<string>((resolve, reject) =>
      socket.io.on('open', () => {
        socket.io.engine.once('upgrade', () => resolve(socket.io.engine.transport.name));
        socket.io.engine.once('upgradeError', reject);
      }),
    );
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    expect(await upgraded).toBe('websocket');

    // Each replica directly: whichever one holds the socket, the other's event arrives through Redis.
    for (const replica of replicas) {
      const title = `${eventInput.title} on ${replica.url}`;
      const received = nextCreated(socket, title);
      const created = await request(replica.url, '/api/events', {
        method: 'POST',
        json: { ...eventInput, title },
        cookie: organizer.cookie,
      });
      expect(created.status).toBe(201);
      const { event } = EventResponseSchema.parse(await created.json());
      expect((await received).event).toMatchObject({ id: event.id, title });
    }
  });
});
