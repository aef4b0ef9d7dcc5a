import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../db/database';
import { createTestDatabase, type TestDatabase } from '../test/harness/test-database';
import { createJobQueue, type PgBossJobQueue } from './pg-boss-queue';

// Two queues, each on a pool of its own, as two server processes would be, on one PostgreSQL database.
const JOBS = 200;
let db: TestDatabase;
let other: Database;
const queues: PgBossJobQueue[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  if (db.config.kind !== 'postgres') throw new Error('PostgreSQL only');
  other = await openDatabase(db.config);
  await db.database.executeSql('create table job_runs (job_id uuid not null, worker text not null, n int not null)');
  for (const [worker, database] of [
    ['a', db.database],
    ['b', other],
  ] as const) {
    const queue = createJobQueue({ database, log: { warn: () => {} }, concurrency: 4, pollingIntervalSeconds: 0.5 });
    queue.define('test.once', async (data: { n: number }, job) => {
      await database.executeSql('insert into job_runs (job_id, worker, n) values ($1, $2, $3)', [job.id, worker, data.n]);
      // Long enough that neither worker drains the queue alone.
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
    queues.push(queue);
  }
  await Promise.all(queues.map((queue) => queue.start()));
});
afterAll(async () => {
  await Promise.all(queues.map((queue) => queue.stop()));
  await other?.close();
  await db?.destroy();
});

describe('exactly once across processes', () => {
  it(`runs each of ${JOBS} jobs once, shared by both workers`, { timeout: 60_000 }, async () => {
    const [queue] = queues as [PgBossJobQueue];
    const ids = await db.database.db.transaction(async (tx) => {
      const enqueued: (string | null)[] = [];
      for (let n = 0; n < JOBS; n++) enqueued.push(await queue.enqueue(tx, 'test.once', { n }));
      return enqueued;
    });
    const deadline = Date.now() + 45_000;
    const count = async () => Number((await db.database.executeSql('select count(*)::int as runs from job_runs')).rows[0]?.runs);
    while ((await count()) < JOBS && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    // Give a duplicate the time to show up, had any job been taken twice.
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const { rows } = await db.database.executeSql(
      `select count(*)::int as runs, count(distinct job_id)::int as jobs, count(distinct n)::int as numbers,
              count(*) filter (where worker = 'a')::int as a, count(*) filter (where worker = 'b')::int as b from job_runs`,
    );
    expect(rows[0]).toMatchObject({ runs: JOBS, jobs: JOBS, numbers: JOBS });
    expect(Number(rows[0]?.a)).toBeGreaterThan(0);
    expect(Number(rows[0]?.b)).toBeGreaterThan(0);
    const ran = (await db.database.executeSql('select job_id::text as id from job_runs')).rows.map((row) => row.id);
    expect(new Set(ran)).toEqual(new Set(ids));
  });
});
