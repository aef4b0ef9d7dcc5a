import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const serverRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** A child environment with nothing inherited but what Node needs to run: no stray DATABASE_URL. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    METRICS_PORT: '0',
    LOG_LEVEL: 'info',
    ARGON2_MEMORY_KIB: '64',
    ARGON2_ITERATIONS: '1',
    WEB_DIST_DIR: '/nonexistent-web-dist',
    ...env,
  };
}

/** `entry`: a built bundle (test/harness/server-bundle.ts) instead of the sources run through tsx. */
const spawnServer = (env: Record<string, string>, entry?: string) =>
  spawn(process.execPath, entry ? [entry] : ['--import', 'tsx', 'src/server.ts'], {
    cwd: serverRoot,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });

export interface ServerProcess {
  /** Base URL the server listens on, e.g. http://127.0.0.1:41234. */
  url: string;
  /** Where it serves /metrics (METRICS_PORT). */
  metricsUrl: string;
  child: ChildProcess;
  /** Sends `signal` and resolves once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the real server entry (`src/server.ts`) and resolves once it listens. */
export async function startServer(env: Record<string, string>, options: { entry?: string } = {}): Promise<ServerProcess> {
  const child = spawnServer(env, options.entry);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = once(child, 'exit');
  const [url, metricsUrl] = await new Promise<[string, string]>((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/.exec(buffered);
      if (match?.[1]) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve([match[1], /"msg":"metrics listening at (http:\/\/[^"]+)"/.exec(buffered)?.[1] ?? '']);
      }
    };
    child.stdout.on('data', onData);
    exited.then(([code]) => reject(new Error(`server exited with ${code} before listening:\n${stderr}${buffered}`)), reject);
  });
  return {
    url,
    metricsUrl,
    child,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}

/** Runs the server entry expecting it to stop by itself (a refused start-up). */
export async function runServerUntilExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawnServer(env);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout.resume();
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

/** fetch() as the app's own page would call it: its Origin, and JSON when there is a body. */
export const fetchFrom = (base: string, path: string, init: { method?: string; json?: unknown; headers?: Record<string, string> } = {}) =>
  fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: { origin: base, ...(init.json === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
