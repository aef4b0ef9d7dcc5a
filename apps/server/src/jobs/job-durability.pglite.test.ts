import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openPglite } from '../db/database';
import { buildServerBundle } from '../test/harness/server-bundle';
import { type ServerProcess, startServer } from '../test/harness/server-process';
import { type CleanupRows, cleanupJobs, remainingCleanupRows, seedCleanupRows } from './job-durability.fixture';

// The embedded engine: a job the production bundle enqueued on its DATA_DIR outlives a kill -9.
// One process owns a DATA_DIR at a time, so the test reads the files only while no server runs.
let dataDir: string;
let bundle: Awaited<ReturnType<typeof buildServerBundle>>;
const running: ServerProcess[] = [];

beforeAll(async () => {
  [dataDir, bundle] = await Promise.all([mkdtemp(join(tmpdir(), 'turnout-jobs-')), buildServerBundle()]);
});
afterAll(async () => {
  await Promise.all(running.map((server) => server.stop('SIGKILL')));
  await bundle?.remove();
  await rm(dataDir, { recursive: true, force: true });
});

const start = async (env: Record<string, string>) => {
  const server = await startServer({ DATA_DIR: dataDir, ...env }, { entry: bundle.entry });
  running.push(server);
  return server;
};

async function withDataDir<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openPglite(dataDir);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** One series' value in the metrics a server serves. */
async function series(server: ServerProcess, name: string): Promise<number> {
  const text = await (await fetch(server.metricsUrl)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

describe('job durability on PGlite (DATA_DIR)', { timeout: 240_000 }, () => {
  it('runs, after a restart, the job a process enqueued before it was killed with SIGKILL', async () => {
    const seeded: CleanupRows = await withDataDir(async (database) => {
      await database.migrate();
      return seedCleanupRows(database.db);
    });
    const first = await start({ JOBS_WORK: 'false' });
    expect(await series(first, 'turnout_jobs{queue="jobs.cleanup",state="queued"}')).toBe(1);
    await first.stop('SIGKILL');

    const waiting = await withDataDir(async (database) => {
      expect(await remainingCleanupRows(database.db, seeded)).toEqual(['expiredToken', 'liveToken', 'oldMail', 'recentMail']);
      return cleanupJobs(database.executeSql);
    });
    expect(waiting).toEqual([{ id: expect.any(String), state: 'created' }]);

    const second = await start({});
    const deadline = Date.now() + 30_000;
    while ((await series(second, 'turnout_job_runs_total{queue="jobs.cleanup",outcome="completed"}')) < 1) {
      if (Date.now() > deadline) throw new Error('the cleanup job did not run');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await second.stop('SIGTERM');

    await withDataDir(async (database) => {
      // The very job the killed process enqueued ran; the restart's own start-up run was absorbed by it.
      expect(await cleanupJobs(database.executeSql)).toEqual([{ id: waiting[0]?.id, state: 'completed' }]);
      expect(await remainingCleanupRows(database.db, seeded)).toEqual(['liveToken', 'recentMail']);
    });
  });
});
