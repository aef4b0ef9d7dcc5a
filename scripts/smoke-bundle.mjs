#!/usr/bin/env node
// Smoke run of the production bundle on the Node that runs this script (CI runs it on 20 and 24):
// `node apps/server/dist/server.js` on a fresh embedded database, as in production, must answer
// /readyz and serve the web app, expose metrics on METRICS_PORT only, and exit 0 on SIGTERM.
// Usage: npm run build && node scripts/smoke-bundle.mjs [path/to/server.js]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const entry = process.argv[2] ?? new URL('../apps/server/dist/server.js', import.meta.url).pathname;
const free = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
const [port, metricsPort] = [await free(), await free()];
const dataDir = mkdtempSync(join(tmpdir(), 'turnout-smoke-'));
const origin = `http://127.0.0.1:${port}`;
const child = spawn(process.execPath, [entry], {
  env: {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    METRICS_HOST: '127.0.0.1',
    METRICS_PORT: String(metricsPort),
    PUBLIC_ORIGIN: origin,
    DATA_DIR: dataDir,
    SHUTDOWN_DRAIN_MS: '500',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const exited = once(child, 'exit');
const fail = (message) => {
  console.error(`smoke: ${message}`);
  child.kill('SIGKILL');
  process.exit(1);
};
try {
  let ready;
  for (let i = 0; i < 120 && ready?.status !== 200; i++) {
    ready = await fetch(`${origin}/readyz`).catch(() => undefined);
    if (ready?.status !== 200) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (ready?.status !== 200) fail(`/readyz never answered 200 (${ready?.status})`);
  const page = await fetch(`${origin}/`);
  if (page.status !== 200 || !(await page.text()).includes('<div id="root">')) fail(`/ did not serve the web app (${page.status})`);
  // The public port answers /metrics like any unknown page (404, or the web app's fallback), never with metrics.
  if ((await (await fetch(`${origin}/metrics`)).text()).includes('turnout_build_info')) fail('metrics on the public port');
  const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  if (!metrics.includes('turnout_build_info')) fail('no turnout_build_info on METRICS_PORT');
  child.kill('SIGTERM');
  const [code, signal] = await exited;
  if (code !== 0) fail(`exit ${code ?? signal} after SIGTERM`);
  console.log(`smoke: production bundle on Node ${process.version}: ready, web app, metrics on :${metricsPort} only, SIGTERM → exit 0`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
