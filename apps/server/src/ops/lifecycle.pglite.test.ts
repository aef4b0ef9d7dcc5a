import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emailFor, uniqueName } from '../test/builders/users';
import { type Child, startChild } from '../test/harness/child-process';
import { repoPath } from '../test/harness/deploy-files';

/** The server entry on an embedded database of its own, as it runs in production. */
async function startProduction(env: Record<string, string> = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'turnout-lifecycle-'));
  const child = startChild(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: repoPath('apps/server'),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      METRICS_HOST: '127.0.0.1',
      METRICS_PORT: '0',
      PUBLIC_ORIGIN: 'http://127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ARGON2_MEMORY_KIB: '1024',
      ARGON2_ITERATIONS: '1',
      RATE_LIMIT_AUTH: '1000000',
      WEB_DIST_DIR: '/nonexistent-web-dist',
      ...env,
    },
  });
  running.push({ child, dataDir });
  const [, metricsUrl = ''] = await child.waitFor(/metrics listening at (http:\/\/[^"\s]+)/);
  const [, url = ''] = await child.waitFor(/"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/);
  return { child, url, metricsUrl };
}

const running: { child: Child; dataDir: string }[] = [];
afterEach(async () => {
  for (const { child, dataDir } of running.splice(0)) {
    await child.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});

/** What became of one request: an answer, a refused connection (the listener was closed), or a reset. */
type Fate =
  | { kind: 'answered'; status: number; at: number }
  | { kind: 'refused'; path: string }
  | { kind: 'broken'; path: string; error: string; at: number };

async function attempt(url: string, path: string, init: RequestInit = {}): Promise<Fate> {
  try {
    const response = await fetch(`${url}${path}`, init);
    await response.arrayBuffer();
    return { kind: 'answered', status: response.status, at: performance.now() };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code === 'ECONNREFUSED') return { kind: 'refused', path };
    return { kind: 'broken', path, error: `${cause?.code ?? ''} ${cause?.message ?? String(error)}`, at: performance.now() };
  }
}

describe('the production process', { timeout: 120_000 }, () => {
  it('serves Prometheus text on METRICS_PORT only, with the operating series', async () => {
    const { url, metricsUrl } = await startProduction();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    for (const path of ['/metrics', '/metrics/', '/METRICS', '/metrics?x=1']) expect((await fetch(`${url}${path}`)).status, path).toBe(404);

    const metrics = await fetch(metricsUrl);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const text = await metrics.text();
    for (const series of [
      'turnout_build_info{version="0.1.0"',
      'turnout_http_request_duration_seconds_bucket{le="30",method="GET",route="/healthz",status="200"}',
      'turnout_sockets_connected ',
      'nodejs_eventloop_lag_seconds ',
      '# TYPE turnout_socket_handshakes_refused_total counter',
      '# TYPE turnout_broadcasts_total counter',
      '# TYPE turnout_join_outcomes_total counter',
      '# TYPE turnout_rate_limit_rejections_total counter',
      '# TYPE turnout_pg_pool_connections gauge',
      '# TYPE turnout_redis_up gauge',
    ]) {
      expect(text, series).toContain(series);
    }
    expect((await fetch(metricsUrl.replace('/metrics', '/'))).status).toBe(404);
  });

  it('on SIGTERM under concurrent load: /readyz 503 at once, keeps serving through the drain, resets no request, exits 0', async () => {
    // The drain outlasts the time a loaded machine (CI on two cores) takes to answer the readiness
    // probe and the requests already sent: what a real balancer's probe period is to production.
    const { child, url } = await startProduction({ SHUTDOWN_DRAIN_MS: '4000' });
    const fates: Fate[] = [];
    // 20 keep-alive clients sending requests back to back (reads and registrations) until the
    // process says it is not ready, as a load balancer would: then they finish what they sent.
    let balancerSawNotReady = false;
    const client = async (n: number) => {
      for (let i = 0; !balancerSawNotReady; i++) {
        fates.push(
          i % 3 === 0
            ? await attempt(url, '/api/auth/register', registration(url, n))
            : await attempt(url, i % 3 === 1 ? '/healthz' : '/api/public/events/00000000-0000-4000-8000-000000000000'),
        );
      }
    };
    const clients = Promise.all(Array.from({ length: 20 }, (_, n) => client(n)));
    while (fates.length < 100) await new Promise((resolve) => setTimeout(resolve, 20));

    const exited = once(child.process, 'exit');
    child.process.kill('SIGTERM');
    const signalledAt = performance.now();
    const readiness: Fate[] = [];
    do readiness.push(await attempt(url, '/readyz'));
    while (readiness.at(-1)?.kind === 'answered' && (readiness.at(-1) as { status: number }).status === 200);
    balancerSawNotReady = true;
    await clients;
    const [code] = await exited;

    expect(readiness.at(-1)).toMatchObject({ kind: 'answered', status: 503 });
    // Each one named by its path and, for a reset, how long after the signal it came.
    expect(
      fates.filter((f) => f.kind !== 'answered').map((f) => (f.kind === 'broken' ? { ...f, at: Math.round(f.at - signalledAt) } : f)),
    ).toEqual([]);
    // Requests sent after the signal were answered normally: the process kept serving while draining.
    const afterSignal = fates.filter((f): f is Extract<Fate, { kind: 'answered' }> => f.kind === 'answered' && f.at > signalledAt);
    expect(afterSignal.length).toBeGreaterThan(0);
    expect(afterSignal.filter((f) => f.status >= 500)).toEqual([]);
    expect(code).toBe(0);
  });

  it('on SIGTERM, finishes the 20 requests in flight before it exits 0', async () => {
    // Costly hashing keeps the registrations in flight while the process closes.
    const { child, url } = await startProduction({ SHUTDOWN_DRAIN_MS: '0', ARGON2_MEMORY_KIB: '65536', ARGON2_ITERATIONS: '3' });
    let received = 0;
    const allReceived = new Promise<void>((resolve) =>
      child.process.stdout?.on('data', (chunk: Buffer) => {
        received += chunk.toString().match(/"url":"\/api\/auth\/register"[^\n]*"msg":"incoming request"/g)?.length ?? 0;
        if (received >= 20) resolve();
      }),
    );
    const inFlight = Promise.all(Array.from({ length: 20 }, (_, n) => attempt(url, '/api/auth/register', registration(url, n))));
    await allReceived;
    const exited = once(child.process, 'exit');
    child.process.kill('SIGTERM');
    const fates = await inFlight;
    const [code] = await exited;
    expect(fates.map((f) => (f.kind === 'answered' ? f.status : f))).toEqual(Array(20).fill(201));
    expect(code).toBe(0);
    expect(child.output()).toContain('"msg":"stopped"');
  });
});

const newAccount = (name: string) => ({ name, email: emailFor(name), password: 'correct horse battery', role: 'joiner' });

const registration = (url: string, n: number): RequestInit => ({
  method: 'POST',
  headers: { origin: url, 'content-type': 'application/json' },
  body: JSON.stringify(newAccount(uniqueName(`drain${n}`))),
});
