#!/usr/bin/env node
// `npm test`: every suite, in order: the shared rules, server (unit, PGlite, PostgreSQL), web components, browser journeys.
// On a developer's machine a missing PostgreSQL/Redis or Chromium skips that suite and says so plainly;
// under CI=true anything missing is a failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const root = new URL('..', import.meta.url).pathname;
const reports = mkdtempSync(join(tmpdir(), 'turnout-test-'));

function reachable(url, fallbackPort) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || fallbackPort) });
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const postgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasPostgres = await reachable(postgresUrl, 5432);
const hasRedis = await reachable(redisUrl, 6379);
const hasChromium = existsSync(chromium);
const hasNginx = spawnSync('nginx', ['-v'], { stdio: 'ignore' }).status === 0;
const hasCommand = (command, args) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;
// The deployment checks run Debian's docker-compose 1.29, kubectl's kustomize and unshare (as root).
const hasDockerCompose = hasCommand('docker-compose', ['version']);
const hasKustomize = hasCommand('kubectl', ['kustomize', '--help']);
const hasUnshare = hasCommand('unshare', ['--pid', '--fork', '--mount', 'true']);

const missing = [];
if (!hasPostgres) missing.push(`PostgreSQL (${new URL(postgresUrl).host})`);
if (!hasRedis) missing.push(`Redis (${new URL(redisUrl).host})`);
if (!hasChromium) missing.push(`Chromium (${chromium})`);
if (!hasNginx) missing.push('nginx (the load-balancer check of deploy/nginx)');
if (!hasDockerCompose) missing.push('docker-compose (the check of deploy/compose.yaml against Compose 1.29)');
if (!hasKustomize) missing.push('kubectl (kustomize, to render deploy/k8s)');
if (!hasUnshare) missing.push('unshare as root (PID and mount namespaces: the DATA_DIR lease and nginx checks)');
if (ci && missing.length > 0) {
  console.error(`CI=true and required services are missing: ${missing.join(', ')}. Failing instead of skipping.`);
  process.exit(1);
}

const totals = { passed: 0, failed: 0 };
const notRun = [];
let failed = false;

function vitest(name, cwd, args) {
  const outputFile = join(reports, `${name}.json`);
  console.log(`\n=== ${name} ===`);
  const result = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${outputFile}`, ...args], {
    cwd,
    stdio: 'inherit',
    env: process.env,
  });
  if (existsSync(outputFile)) {
    const report = JSON.parse(readFileSync(outputFile, 'utf8'));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    if (report.numTotalTests === 0) {
      console.error(`${name}: no test ran`);
      failed = true;
    }
  }
  if (result.status !== 0) failed = true;
}

const serverProjects = ['--project', 'unit', '--project', 'pglite'];
if (hasPostgres && hasRedis) serverProjects.push('--project', 'postgres');
else
  notRun.push(`the PostgreSQL suite (needs ${missing.filter((m) => m.startsWith('PostgreSQL') || m.startsWith('Redis')).join(' and ')})`);
if (!hasNginx) {
  serverProjects.push('--exclude', 'src/ops/deploy-nginx.pg.test.ts');
  notRun.push('the nginx load-balancer check (needs nginx; on Debian: apt-get install nginx-light)');
}
const excluded = [
  [
    hasDockerCompose,
    'src/ops/deploy-compose.unit.test.ts',
    'the Compose 1.29 check (needs docker-compose; on Debian: apt-get install docker-compose)',
  ],
  [hasKustomize, 'src/ops/deploy-kustomize.unit.test.ts', 'the rendered Kubernetes manifests check (needs kubectl with kustomize)'],
  [hasUnshare, 'src/db/data-dir-lock.pglite.test.ts', 'the DATA_DIR lease check across PID namespaces (needs unshare as root)'],
];
for (const [present, file, what] of excluded) {
  if (present) continue;
  serverProjects.push('--exclude', file);
  notRun.push(what);
}
if (!hasUnshare && hasNginx) {
  serverProjects.push('--exclude', 'src/ops/deploy-nginx.pg.test.ts');
  notRun.push('the nginx load-balancer check (needs unshare as root for its mount namespace)');
}
vitest('domain', join(root, 'packages/domain'), []);
vitest('server', join(root, 'apps/server'), serverProjects);
vitest('web', join(root, 'apps/web'), []);
if (existsSync(join(root, 'e2e/vitest.config.ts'))) {
  if (hasChromium) vitest('e2e', join(root, 'e2e'), []);
  else notRun.push(`the browser journeys (needs ${chromium}; on Debian: apt-get install chromium)`);
}

console.log('');
for (const suite of notRun) console.log(`NOT RUN: ${suite}.`);
console.log(`Summary: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(failed ? 1 : 0);
