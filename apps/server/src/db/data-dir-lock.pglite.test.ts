import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Child, startChild } from '../test/harness/child-process';
import { repoPath } from '../test/harness/deploy-files';
import { fetchFrom, type ServerProcess, startServer } from '../test/harness/server-process';

// Containers on one volume: the second process runs in a PID namespace of its own (`unshare --pid`),
// where the first one's pid does not exist. A pid file would look stale from there; the lease must not.
let dataDir: string;
const servers: ServerProcess[] = [];
const children: Child[] = [];
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'turnout-lease-'));
});
afterEach(async () => {
  await Promise.all([...servers.splice(0).map((s) => s.stop('SIGKILL')), ...children.splice(0).map((c) => c.stop())]);
  await rm(dataDir, { recursive: true, force: true });
});

/** The server entry as pid 1 of a new PID namespace, on the shared DATA_DIR. */
function startInOtherPidNamespace(): Child {
  const child = startChild('unshare', ['--pid', '--fork', '--kill-child', process.execPath, '--import', 'tsx', 'src/server.ts'], {
    cwd: repoPath('apps/server'),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      METRICS_PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ARGON2_MEMORY_KIB: '64',
      ARGON2_ITERATIONS: '1',
      WEB_DIST_DIR: '/nonexistent-web-dist',
    },
  });
  children.push(child);
  return child;
}

describe('the embedded-mode lease on DATA_DIR across PID namespaces', { timeout: 120_000 }, () => {
  it('refuses a second process in another PID namespace while the first holds the directory', async () => {
    const first = await startServer({ DATA_DIR: dataDir });
    servers.push(first);
    const second = startInOtherPidNamespace();
    const [code] = await once(second.process, 'exit');
    expect(code).toBe(1);
    expect(second.output()).toContain(`DATA_DIR ${dataDir} is in use by another Turnout process`);
    expect(second.output()).toContain(`pid ${first.child.pid}`);
    // The first one never stopped serving its database.
    expect((await fetchFrom(first.url, '/healthz')).status).toBe(200);
  });

  it('takes the directory over once the lease of a process killed in another PID namespace goes stale', async () => {
    const holder = startInOtherPidNamespace();
    await holder.waitFor(/Server listening at/);
    // The holder is pid 1 of its namespace; here it has another pid: the child of `unshare`.
    const inner = Number(readFileSync(`/proc/${holder.process.pid}/task/${holder.process.pid}/children`, 'utf8').trim().split(' ')[0]);
    expect(JSON.parse(readFileSync(join(dataDir, 'turnout.lease.json'), 'utf8'))).toMatchObject({ pid: 1 });
    execFileSync('kill', ['-KILL', String(inner)]);
    await once(holder.process, 'exit');

    const next = await startServer({ DATA_DIR: dataDir });
    servers.push(next);
    expect((await fetchFrom(next.url, '/healthz')).status).toBe(200);
    expect(JSON.parse(readFileSync(join(dataDir, 'turnout.lease.json'), 'utf8'))).toMatchObject({ pid: next.child.pid });
  });
});
