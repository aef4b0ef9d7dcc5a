import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startMailSink } from './mail-sink';

const root = new URL('../..', import.meta.url).pathname;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server not ready at ${url}`);
}

/**
 * Builds the app when its bundles are missing, then starts the real server on a fresh embedded
 * database (or on PostgreSQL when E2E_DATABASE_URL is set) for the whole run, sending its mail to
 * an SMTP sink the specs can read (support/mail.ts).
 */
export default async function setup(project: TestProject) {
  const serverBundle = join(root, 'apps/server/dist/server.js');
  const webIndex = join(root, 'apps/web/dist/index.html');
  if (!existsSync(serverBundle) || !existsSync(webIndex) || process.env.E2E_BUILD === '1') {
    // The build users run: vitest sets NODE_ENV=test, which would give Vite React's development build.
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const mail = await startMailSink();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'turnout-e2e-'));
  const baseURL = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [serverBundle], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      METRICS_PORT: '0',
      SHUTDOWN_DRAIN_MS: '0',
      HOST: '127.0.0.1',
      PUBLIC_ORIGIN: baseURL,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ARGON2_MEMORY_KIB: '1024',
      ARGON2_ITERATIONS: '1',
      RATE_LIMIT_AUTH: '10000',
      SMTP_URL: mail.smtpUrl,
      MAIL_FROM: 'Turnout <turnout@e2e.test>',
      ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitReady(`${baseURL}/readyz`, child, 60_000);
  project.provide('baseURL', baseURL);
  project.provide('mailUrl', mail.mailUrl);
  return async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await mail.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    /** The SMTP sink's HTTP listing of the mails the server sent (support/mail.ts). */
    mailUrl: string;
  }
}
