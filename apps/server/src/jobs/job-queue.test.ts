import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics, type Metrics } from '../ops/metrics';
import { createTestDatabase, type TestDatabase } from '../test/harness/test-database';
import type { JobContext } from './job-queue';
import { createJobQueue, JOBS_SCHEMA, type PgBossJobQueue } from './pg-boss-queue';

// The queue itself on the engine under test, polling fast so the waits below stay short.
let db: TestDatabase;
let queue: PgBossJobQueue;
let metrics: Metrics;
const warnings: { fields: Record<string, unknown>; message: string }[] = [];
const runs: { name: string; data: { label: string; secret?: string }; job: JobContext; at: number }[] = [];
let releaseBlocked: () => void = () => {};
const blocked = new Promise<void>((resolve) => {
  releaseBlocked = resolve;
});

class Rollback extends Error {}

const record = (name: string) => async (data: { label: string }, job: JobContext) => {
  runs.push({ name, data, job, at: Date.now() });
};

beforeAll(async () => {
  db = await createTestDatabase();
  metrics = createMetrics();
  queue = createJobQueue({
    database: db.database,
    log: { warn: (fields: Record<string, unknown>, message: string) => warnings.push({ fields, message }) } as never,
    onRun: metrics.jobRun,
    concurrency: 4,
    pollingIntervalSeconds: 0.5,
    maintenanceIntervalSeconds: 1,
  });
  queue.define('test.record', record('test.record'));
  queue.define('test.orphan', record('test.orphan'), { retryDelaySeconds: 1, expireInSeconds: 60 });
  // Throws on its first two attempts, then succeeds.
  queue.define(
    'test.flaky',
    async (data: { label: string; secret: string }, job) => {
      runs.push({ name: 'test.flaky', data, job, at: Date.now() });
      if (job.retryCount < 2) throw new Error(`attempt ${job.retryCount} failed`);
    },
    { retryLimit: 3, retryDelaySeconds: 1 },
  );
  queue.define(
    'test.doomed',
    async (data: { label: string }, job) => {
      runs.push({ name: 'test.doomed', data, job, at: Date.now() });
      throw new Error('always fails');
    },
    { retryLimit: 1, retryDelaySeconds: 1 },
  );
  queue.define('test.keyed', record('test.keyed'), { keyed: true });
  queue.define('test.blocking', async (data: { label: string }, job) => {
    runs.push({ name: 'test.blocking', data, job, at: Date.now() });
    await blocked;
  });
  metrics.watchJobs(queue);
  await queue.start();
});
afterAll(async () => {
  releaseBlocked();
  await queue?.stop();
  await db?.destroy();
});

async function until<T>(check: () => T | Promise<T>, what: string, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const runsOf = (label: string) => runs.filter((run) => run.data.label === label);

/** The value of one series in the metrics text, e.g. `turnout_jobs{queue="q",state="failed"}`. */
async function series(name: string): Promise<number | undefined> {
  const text = await metrics.registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

const storedJobs = async (label: string) =>
  (await db.database.executeSql(`select state::text as state from ${JOBS_SCHEMA}.job where data->>'label' = $1`, [label])).rows;

describe('the job queue', () => {
  it('lets one keyed job wait per key: the rest of a burst adds none, another key and a later burst do', async () => {
    const later = new Date(Date.now() + 1500);
    const first = await queue.enqueue(db.database.db, 'test.keyed', { label: 'keyed-a' }, { singletonKey: 'a', startAfter: later });
    expect(first).toEqual(expect.any(String));
    for (let i = 0; i < 5; i++) {
      expect(await queue.enqueue(db.database.db, 'test.keyed', { label: 'keyed-a' }, { singletonKey: 'a', startAfter: later })).toBeNull();
    }
    expect(await queue.enqueue(db.database.db, 'test.keyed', { label: 'keyed-b' }, { singletonKey: 'b' })).toEqual(expect.any(String));
    await until(() => runsOf('keyed-a').length === 1 && runsOf('keyed-b').length === 1, 'both keys ran');
    expect(runsOf('keyed-a')[0]?.job.id).toBe(first);
    // Once it ran, the key is free for the next burst.
    expect(await queue.enqueue(db.database.db, 'test.keyed', { label: 'keyed-a' }, { singletonKey: 'a' })).toEqual(expect.any(String));
    await until(() => runsOf('keyed-a').length === 2, 'the next burst ran');
    await expect(queue.enqueue(db.database.db, 'test.keyed', { label: 'no key' })).rejects.toThrow(/singletonKey/);
  });

  it('runs a job enqueued on a committed transaction once, with its data and id', async () => {
    const id = await db.database.db.transaction((tx) => queue.enqueue(tx, 'test.record', { label: 'committed', n: 7 }));
    await until(() => runsOf('committed').length > 0, 'the committed job');
    await queue.enqueue(db.database.db, 'test.record', { label: 'after-committed' });
    await until(() => runsOf('after-committed').length > 0, 'the job after it');
    await until(async () => (await storedJobs('committed'))[0]?.state === 'completed', 'its completion');

    expect(runsOf('committed')).toHaveLength(1);
    expect(runsOf('committed')[0]).toMatchObject({ data: { label: 'committed', n: 7 }, job: { id, retryCount: 0 } });
    expect(await series('turnout_job_runs_total{queue="test.record",outcome="completed"}')).toBeGreaterThanOrEqual(2);
  });

  it('never runs a job whose transaction rolled back', async () => {
    await expect(
      db.database.db.transaction(async (tx) => {
        await queue.enqueue(tx, 'test.record', { label: 'rolled-back' });
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    // Enqueued after it, on the same kind: once this one ran, the rolled-back one would have too.
    await queue.enqueue(db.database.db, 'test.record', { label: 'sentinel' });
    await until(() => runsOf('sentinel').length > 0, 'the sentinel');
    await until(async () => (await storedJobs('sentinel'))[0]?.state === 'completed', 'the sentinel completed');

    expect(runsOf('rolled-back')).toEqual([]);
    expect(await storedJobs('rolled-back')).toEqual([]);
  });

  it('retries a job that throws, with growing delays, logging its name and id but never its data', async () => {
    const id = await queue.enqueue(db.database.db, 'test.flaky', { label: 'flaky', secret: 'hunter2-in-the-data' });
    await until(() => runsOf('flaky').length === 3, 'three attempts', 30_000);
    await until(async () => (await storedJobs('flaky'))[0]?.state === 'completed', 'the flaky job completed');

    const attempts = runsOf('flaky');
    expect(attempts.map((run) => [run.job.id, run.job.retryCount])).toEqual([
      [id, 0],
      [id, 1],
      [id, 2],
    ]);
    // Backoff with retryDelay 1 s: the first retry after 1–2 s, the second after 2–4 s.
    const [first, second, third] = attempts.map((run) => run.at) as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(900);
    expect(third - second).toBeGreaterThanOrEqual(1_900);

    const logged = warnings.filter((w) => w.fields.jobId === id);
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({ fields: { job: 'test.flaky', jobId: id, retryCount: 0 }, message: 'job failed, will retry' });
    expect(JSON.stringify(logged)).not.toContain('hunter2');
    expect(await series('turnout_job_runs_total{queue="test.flaky",outcome="failed"}')).toBe(2);
    expect(await series('turnout_job_runs_total{queue="test.flaky",outcome="completed"}')).toBe(1);
  });

  it('shows a job that ran out of retries as failed in the metrics', async () => {
    expect(await series('turnout_jobs{queue="test.doomed",state="failed"}')).toBe(0);
    const id = await queue.enqueue(db.database.db, 'test.doomed', { label: 'doomed' });
    await until(async () => (await series('turnout_jobs{queue="test.doomed",state="failed"}')) === 1, 'the failed gauge', 30_000);

    expect(runsOf('doomed').map((run) => run.job.retryCount)).toEqual([0, 1]);
    expect(await series('turnout_job_runs_total{queue="test.doomed",outcome="failed"}')).toBe(2);
    expect(warnings.filter((w) => w.fields.jobId === id).map((w) => w.message)).toEqual(['job failed, will retry', 'job failed for good']);
  });

  it('counts queued and running jobs at scrape time', async () => {
    await queue.enqueue(db.database.db, 'test.blocking', { label: 'blocking-1' });
    await until(async () => (await series('turnout_jobs{queue="test.blocking",state="running"}')) === 1, 'one running');
    // The worker of this kind is busy with its batch: these two wait.
    await queue.enqueue(db.database.db, 'test.blocking', { label: 'blocking-2' });
    await queue.enqueue(db.database.db, 'test.blocking', { label: 'blocking-3' }, { startAfter: new Date(Date.now() + 60_000) });
    expect(await series('turnout_jobs{queue="test.blocking",state="queued"}')).toBe(2);
    expect(await series('turnout_jobs{queue="test.blocking",state="running"}')).toBe(1);

    releaseBlocked();
    await until(async () => (await series('turnout_jobs{queue="test.blocking",state="queued"}')) === 1, 'the second one taken');
    await until(async () => (await series('turnout_jobs{queue="test.blocking",state="running"}')) === 0, 'nothing running');
    expect(runsOf('blocking-2')).toHaveLength(1);
    expect(runsOf('blocking-3')).toHaveLength(0);
  });

  it('stops gracefully: a running job finishes first; one still running at the deadline is handed back for a retry', async () => {
    const second = createJobQueue({ database: db.database, log: { warn: () => {} }, pollingIntervalSeconds: 0.5, stopTimeoutMs: 1_500 });
    const finished: string[] = [];
    second.define('test.slow', async (data: { label: string; ms: number }) => {
      runs.push({ name: 'test.slow', data, job: { id: '', retryCount: 0 }, at: Date.now() });
      await new Promise((resolve) => setTimeout(resolve, data.ms));
      finished.push(data.label);
    });
    await second.start();
    await second.enqueue(db.database.db, 'test.slow', { label: 'slow-short', ms: 400 });
    await second.enqueue(db.database.db, 'test.slow', { label: 'slow-long', ms: 3_000 });
    await until(() => runsOf('slow-short').length > 0 && runsOf('slow-long').length > 0, 'both slow jobs running');

    await second.stop();
    expect(finished).toEqual(['slow-short']);
    expect(await storedJobs('slow-short')).toEqual([{ state: 'completed' }]);
    expect(await storedJobs('slow-long')).toEqual([{ state: 'retry' }]);
    // The handler that outlived the stop ends without writing: its job stays handed back.
    await until(() => finished.includes('slow-long'), 'the long handler to end');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await storedJobs('slow-long')).toEqual([{ state: 'retry' }]);
  });

  it('takes back a job whose process died while running it, once it expires, and runs it again', async () => {
    const id = await queue.enqueue(db.database.db, 'test.orphan', { label: 'orphan' }, { startAfter: new Date(Date.now() + 3_600_000) });
    // As a process leaves it when it dies mid-run: active, started longer ago than its expiry.
    await db.database.executeSql(
      `update ${JOBS_SCHEMA}.job set state = 'active', started_on = now() - interval '61 seconds', start_after = now() where id = $1`,
      [id],
    );
    await until(() => runsOf('orphan').length > 0, 'the orphaned job to run again', 30_000);
    expect(runsOf('orphan').map((run) => run.job)).toEqual([{ id, retryCount: 1 }]);
  });

  it('refuses a kind nobody defined', async () => {
    await expect(queue.enqueue(db.database.db, 'test.unknown', {})).rejects.toThrow('job test.unknown is not defined');
  });
});
