import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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
import { emailFor, uniqueName } from '../test/builders/users';
import { testEnv } from '../test/harness/build-test-app';
import { type Child, freePort, startChild } from '../test/harness/child-process';
import { eventually } from '../test/harness/cluster-processes';
import { readRepoFile, repoPath } from '../test/harness/deploy-files';
import { httpFrom, PollingClient, rawGet } from '../test/harness/polling-client';
import { buildServerBundle } from '../test/harness/server-bundle';
import { createTestDatabase, type TestDatabase } from '../test/harness/test-database';

/**
 * deploy/nginx/ in front of two production bundles on one PostgreSQL and Redis: what a browser sees
 * through the load balancer of `docker compose -f deploy/compose.yaml up`. As in compose, nginx
 * finds the replicas by resolving `app` (here through an /etc/hosts of its own, in a mount
 * namespace: app → 127.0.0.4 and 127.0.0.5), and clients come from several loopback addresses.
 */
let db: TestDatabase;
let workDir: string;
let origin: string;
let replicas: Replica[] = [];
let nginx: Child | undefined;
let bundle: Awaited<ReturnType<typeof buildServerBundle>> | undefined;
const sockets: TurnoutSocket[] = [];
const REPLICA_ADDRESSES = ['127.0.0.4', '127.0.0.5'];
/** In the test's realip.conf, as an outer proxy whose X-Forwarded-For is believed; 127.0.0.2 is an ordinary client. */
const OUTER_PROXY = '127.0.0.3';

interface Replica {
  url: string;
  process: Child;
}

/** The production bundle as a replica of the deployment, on `host`:`port`. */
async function startReplica(host: string, port: number, nginxOrigin: string): Promise<Replica> {
  if (db.config.kind !== 'postgres' || !bundle) throw new Error('needs PostgreSQL and the bundle');
  const child = startChild(process.execPath, [bundle.entry], {
    cwd: repoPath(),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      HOST: host,
      PORT: String(port),
      METRICS_HOST: '127.0.0.1',
      METRICS_PORT: '0',
      SHUTDOWN_DRAIN_MS: '0',
      DATABASE_URL: db.config.url,
      DATABASE_POOL_MAX: '5',
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      PUBLIC_ORIGIN: nginxOrigin,
      TRUST_PROXY: '1',
      // info, not warn: the "listening" line is what tells the address.
      LOG_LEVEL: 'info',
      ARGON2_MEMORY_KIB: '64',
      ARGON2_ITERATIONS: '1',
      // Production on PostgreSQL needs the key every replica decrypts two-factor secrets with.
      TOTP_ENCRYPTION_KEY: testEnv.TOTP_ENCRYPTION_KEY ?? '',
      WEB_DIST_DIR: '/nonexistent-web-dist',
    },
  });
  const [, url = ''] = await child.waitFor(/"msg":"Server listening at (http:\/\/[\d.]+:\d+)"/);
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

/** Runs `command` as nginx sees the world in compose: `app` resolves to the replicas. */
const withAppHosts = (dir: string, command: string) => [
  '--mount',
  'sh',
  '-c',
  `mount --bind ${join(dir, 'hosts')} /etc/hosts && exec ${command}`,
];

/** deploy/nginx as shipped, in `dir`; `live` edits only what a test run needs (port, log files, the replica port). */
async function writeNginxFiles(dir: string, live?: { port: number; replicaPort: number }): Promise<string> {
  await mkdir(dir, { recursive: true });
  await chmod(dir, 0o755); // nginx workers run as an unprivileged user when started by root
  let conf = readRepoFile('deploy/nginx/nginx.conf');
  let upstream = readRepoFile('deploy/nginx/upstream.conf');
  let realip = readRepoFile('deploy/nginx/realip.conf');
  const edit = (text: string, from: string, to: string) => {
    if (!text.includes(from)) throw new Error(`deploy/nginx no longer contains "${from}"`);
    return text.replace(from, to);
  };
  if (live) {
    conf = edit(conf, 'listen 8080;', `listen 127.0.0.1:${live.port};`);
    // notice: nginx then reports when it has bound its port and started its workers.
    conf = edit(conf, 'error_log /dev/stderr warn;', 'error_log stderr notice;');
    // /dev/stdout cannot be opened when stdout is a socket, as Node's child-process pipes are.
    conf = edit(conf, 'access_log /dev/stdout turnout;', `access_log ${join(dir, 'access.log')} turnout;`);
    const temp = ['client_body', 'proxy'].map((kind) => `${kind}_temp_path ${join(dir, kind)};`).join(' ');
    conf = edit(conf, 'http {', `http {\n  ${temp}`);
    upstream = edit(upstream, 'server app:3000 ', `server app:${live.replicaPort} `);
    realip += `set_real_ip_from ${OUTER_PROXY};\n`;
  }
  await writeFile(join(dir, 'nginx.conf'), conf);
  await writeFile(join(dir, 'upstream.conf'), upstream);
  await writeFile(join(dir, 'realip.conf'), realip);
  await writeFile(join(dir, 'hosts'), `127.0.0.1 localhost\n${REPLICA_ADDRESSES.map((a) => `${a} app`).join('\n')}\n`);
  return join(dir, 'nginx.conf');
}

const accessLog = () => readFile(join(workDir, 'live', 'access.log'), 'utf8');

beforeAll(async () => {
  db = await createTestDatabase();
  bundle = await buildServerBundle();
  workDir = await mkdtemp(join(tmpdir(), 'turnout-nginx-'));
  await chmod(workDir, 0o755);
  const nginxPort = await freePort();
  const replicaPort = await freePort();
  origin = `http://127.0.0.1:${nginxPort}`;
  replicas = await Promise.all(REPLICA_ADDRESSES.map((address) => startReplica(address, replicaPort, origin)));

  const conf = await writeNginxFiles(join(workDir, 'live'), { port: nginxPort, replicaPort });
  const pid = `pid ${join(workDir, 'live', 'nginx.pid')};`;
  nginx = startChild(
    'unshare',
    withAppHosts(join(workDir, 'live'), `nginx -p ${join(workDir, 'live')} -c ${conf} -g '${pid} daemon off;'`),
    {
      cwd: workDir,
      env: process.env,
    },
  );
  await nginx.waitFor(/start worker process/);
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await nginx?.stop();
  await Promise.all(replicas.map((r) => r.process.stop()));
  await db?.destroy();
  await bundle?.remove();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('deploy/nginx as shipped', () => {
  it("passes nginx -t on this machine's nginx, with `app` resolving as in compose", async () => {
    const dir = join(workDir, 'shipped');
    const conf = await writeNginxFiles(dir);
    // Output to a file: nginx -t opens /dev/stdout and /dev/stderr, which a socket cannot be.
    const command = `nginx -t -p ${dir} -c ${conf} -g 'pid ${join(dir, 'nginx.pid')};' > ${join(dir, 't.log')} 2>&1`;
    await promisify(execFile)('unshare', withAppHosts(dir, command)).catch(async (error: Error) => {
      throw new Error(`nginx -t failed: ${error.message}\n${await readFile(join(dir, 't.log'), 'utf8').catch(() => '')}`);
    });
    expect(await readFile(join(dir, 't.log'), 'utf8')).toContain('test is successful');
  });
});

async function register(role: 'organizer' | 'joiner') {
  const name = uniqueName(role);
  const password = 'correct horse battery';
  const response = await request(origin, '/api/auth/register', { method: 'POST', json: { name, email: emailFor(name), password, role } });
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
  it('answers health and readiness through the load balancer, and no spelling of /metrics reaches a replica', async () => {
    const health = await fetch(`${origin}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await fetch(`${origin}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'ok' } });
    for (const path of [
      '/metrics',
      '/metrics/',
      '//metrics',
      '/METRICS',
      '/Metrics/',
      '/%6detrics',
      '/metrics?format=text',
      '/./metrics',
      '/api/../metrics',
    ]) {
      const response = await rawGet('127.0.0.2', origin, path);
      expect([path, response.status, response.body]).toEqual([path, 404, '{"error":{"code":"not_found","message":"Not found."}}']);
    }
    // Nor is there any on a replica's public port: metrics live on METRICS_PORT alone.
    for (const replica of replicas) expect((await fetch(`${replica.url}/metrics`)).status).toBe(404);
  });

  it('takes the client address from trusted proxies only, and keeps tokens out of its access log', async () => {
    const feed = '/api/calendar/SECRETfeedTOKEN123.ics';
    const spoofed = { 'x-forwarded-for': '198.51.100.9' };
    await httpFrom(OUTER_PROXY, `${origin}${feed}`, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    await httpFrom('127.0.0.2', `${origin}/api/events/x?invite=SECRETinviteTOKEN`, {
      headers: { ...spoofed, referer: `${origin}/e/1?invite=SECRETrefTOKEN` },
    });
    // nginx writes a request's line after the response has left: on a loaded machine it can trail the answer.
    const lines = await eventually('both requests in the access log', async () => {
      const logged = (await accessLog()).split('\n');
      return logged.some((l) => l.includes('/api/calendar/')) && logged.some((l) => l.includes('/api/events/x')) ? logged : undefined;
    });
    expect(lines.find((l) => l.includes('/api/calendar/'))).toMatch(/^203\.0\.113\.7 .*"GET \/api\/calendar\/\*\*\*\.ics HTTP\/1\.1"/);
    expect(lines.find((l) => l.includes('/api/events/x'))).toMatch(/^127\.0\.0\.2 .*"GET \/api\/events\/x\?\*\*\* HTTP\/1\.1"/);
    expect(await accessLog()).not.toMatch(/SECRET|198\.51\.100\.9/);
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
  // Last: it kills the replicas.
  it('keeps each polling client on its replica, moves the clients of a killed replica to the other, and answers 503 JSON when none is left', async () => {
    const organizer = await register('organizer');
    const [alice, bob] = [await register('joiner'), await register('joiner')];
    const clients = [new PollingClient('127.0.0.2', origin, alice.cookie), new PollingClient('127.0.0.3', origin, bob.cookie)];
    await Promise.all(clients.map((c) => c.connect()));
    const created = async (title: string) => {
      const response = await request(origin, '/api/events', { method: 'POST', json: { ...eventInput, title }, cookie: organizer.cookie });
      expect(response.status).toBe(201);
      const { event } = EventResponseSchema.parse(await response.json());
      await Promise.all(clients.map((c) => c.next('event:created', (p: { event: { id: string } }) => p.event.id === event.id)));
    };
    for (let i = 0; i < 3; i++) await created(`Before ${i}`);
    // Every poll so far reached the replica holding its session.
    for (const client of clients) expect([client.localAddress, client.failures]).toEqual([client.localAddress, []]);

    // The replica serving the first client, from nginx's own log of where its polls went.
    const lastUpstreamOf = async (address: string) =>
      (await accessLog())
        .split('\n')
        .filter((l) => l.startsWith(`${address} `) && l.includes('/socket.io/'))
        .at(-1)
        ?.match(/upstream=([\d.]+):/)?.[1];
    const victimAddress = await lastUpstreamOf('127.0.0.2');
    const victim = replicas.find((r) => new URL(r.url).hostname === victimAddress);
    const survivor = replicas.find((r) => r !== victim);
    if (!victim || !survivor) throw new Error(`no replica at ${victimAddress}`);
    const onSurvivor = await Promise.all(clients.map(async (c) => (await lastUpstreamOf(c.localAddress)) !== victimAddress));
    await victim.process.stop();
    // The clients of the killed replica notice (their next poll is refused) and open a new session.
    await Promise.all(clients.map((c, i) => (onSurvivor[i] ? undefined : c.session(2))));

    for (let i = 0; i < 3; i++) await created(`After ${i}`);
    const [first, second] = clients;
    // The first client's session died with its replica: it opened a new one, on the survivor.
    expect(first?.failures.length).toBeGreaterThan(0);
    expect(await lastUpstreamOf('127.0.0.2')).toBe(new URL(survivor.url).hostname);
    // A client already on the survivor never noticed.
    if (onSurvivor[1]) expect(second?.failures).toEqual([]);
    await Promise.all(clients.map((c) => c.close()));

    await survivor.process.stop();
    const down = await fetch(`${origin}/api/auth/me`);
    expect([down.status, down.headers.get('retry-after'), await down.json()]).toEqual([
      503,
      '5',
      { error: { code: 'not_ready', message: 'Turnout is unavailable right now. Try again in a moment.' } },
    ]);
  });
});
