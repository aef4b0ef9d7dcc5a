// Starting the server under test (the built apps/server/dist/server.js) on the server core.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, SERVER_CORE, start, waitForHttp } from './proc.mjs';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const SERVER_ENTRY = join(ROOT, 'apps/server/dist/server.js');
export const WEB_DIST = join(ROOT, 'apps/web/dist');
export const RESULTS_DIR = join(ROOT, 'bench/results');

/** Runs `npm run build` (web app, then server) when the server bundle is missing. */
export function ensureBuilt({ log = console.log } = {}) {
  if (existsSync(SERVER_ENTRY)) return;
  log('apps/server/dist/server.js is missing: npm run build');
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error('npm run build failed');
}

/** Builds the web app alone when its bundle is missing (the server may have been built without it). */
export function ensureWebBuilt({ log = console.log } = {}) {
  if (existsSync(join(WEB_DIST, 'index.html'))) return;
  log('apps/web/dist is missing: npm run build -w @turnout/web');
  const result = spawnSync('npm', ['run', 'build', '-w', '@turnout/web'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error('npm run build -w @turnout/web failed');
}

/**
 * Starts Turnout and waits for /readyz. `database` is `{url}` (PostgreSQL) or `{dataDir}` (PGlite).
 * The environment is the production one, quiet logs (warn) and no per-address socket cap.
 */
export async function startTurnout({ database, redisUrl, nodeFlags = [], env = {}, core = SERVER_CORE, readyTimeoutMs = 90_000 } = {}) {
  const port = await freePort();
  const metricsPort = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const proc = start(core, process.execPath, [...nodeFlags, SERVER_ENTRY], {
    cwd: ROOT,
    env: {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      METRICS_HOST: '127.0.0.1',
      METRICS_PORT: String(metricsPort),
      SHUTDOWN_DRAIN_MS: '0',
      PUBLIC_ORIGIN: origin,
      LOG_LEVEL: 'warn',
      DATABASE_POOL_MAX: '20',
      // Every benchmark socket and request comes from 127.0.0.1, and one organizer writes all the edits.
      SOCKET_MAX_PER_ADDRESS: '1000000',
      SOCKET_HANDSHAKES_PER_MINUTE: '1000000',
      RATE_LIMIT_WRITES: '1000000',
      RATE_LIMIT_EVENT_CREATES: '1000000',
      // Required in production on PostgreSQL (two-factor secrets); any fixed key serves the benchmark.
      TOTP_ENCRYPTION_KEY: 'b'.repeat(64),
      ...(database.url ? { DATABASE_URL: database.url, DATA_DIR: '' } : { DATABASE_URL: '', DATA_DIR: database.dataDir }),
      REDIS_URL: redisUrl ?? '',
      ...env,
    },
  });
  const readyMs = await waitForHttp(`${origin}/readyz`, { timeoutMs: readyTimeoutMs, proc });
  return { ...proc, port, origin, metricsOrigin: `http://127.0.0.1:${metricsPort}`, readyMs };
}

export function resultsDir(...parts) {
  const dir = join(RESULTS_DIR, ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}
