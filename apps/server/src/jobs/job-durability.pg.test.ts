import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServerBundle } from '../test/harness/server-bundle';
import { type ServerProcess, startServer } from '../test/harness/server-process';
import { createTestDatabase, type TestDatabase } from '../test/harness/test-database';
import { cleanupJobs, remainingCleanupRows, seedCleanupRows } from './job-durability.fixture';

// A job a real server process (the production bundle) enqueued, on PostgreSQL, outlives a kill -9.
let db: TestDatabase;
let bundle: Awaited<ReturnType<typeof buildServerBundle>>;
const running: ServerProcess[] = [];

beforeAll(async () => {
  [db, bundle] = await Promise.all([createTestDatabase(), buildServerBundle()]);
});
afterAll(async () => {
  await Promise.all(running.map((server) => server.stop('SIGKILL')));
  await bundle?.remove();
  await db?.destroy();
});

const start = async (env: Record<string, string>) => {
  if (db.config.kind !== 'postgres') throw new Error('PostgreSQL only');
  const server = await startServer({ DATABASE_URL: db.config.url, ...env }, { entry: bundle.entry });
  running.push(server);
  return server;
};

async function until<T>(check: () => Promise<T>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('job durability on PostgreSQL', { timeout: 120_000 }, () => {
  it('runs, after a restart, the job a process enqueued before it was killed with SIGKILL', async () => {
    const seeded = await seedCleanupRows(db.database.db);
    const first = await start({ JOBS_WORK: 'false' });
    // Enqueued at start-up, not worked: this process runs no jobs.
    const [waiting] = await cleanupJobs(db.database.executeSql);
    expect(waiting).toMatchObject({ state: 'created' });
    await first.stop('SIGKILL');
    expect(await remainingCleanupRows(db.database.db, seeded)).toEqual(['expiredToken', 'liveToken', 'oldMail', 'recentMail']);

    await start({});
    await until(async () => (await cleanupJobs(db.database.executeSql))[0]?.state === 'completed', 'the cleanup job to complete');
    // The restarted process's own start-up run was absorbed by the one waiting: it ran that very job.
    const jobs = await cleanupJobs(db.database.executeSql);
    expect(jobs).toEqual([{ id: waiting?.id, state: 'completed' }]);
    expect(await remainingCleanupRows(db.database.db, seeded)).toEqual(['liveToken', 'recentMail']);
  });
});
