import type { FastifyBaseLogger } from 'fastify';
import PgBoss from 'pg-boss';
import { type Database, type ExecuteSql, type Executor, executorSql } from '../db/database';
import { loggableError } from '../http/database-errors';
import type { JobContext, JobHandler, JobOptions, JobQueue } from './job-queue';

/** pg-boss keeps its tables in this schema of the app's database (backups take it along). */
export const JOBS_SCHEMA = 'pgboss';

const DEFAULTS: Required<JobOptions> = { retryLimit: 5, retryDelaySeconds: 10, expireInSeconds: 120, keyed: false };

/** Jobs waiting (created or due for a retry), running, and failed for good, of one kind. */
export interface JobCounts {
  queued: number;
  running: number;
  failed: number;
}

export type JobOutcome = 'completed' | 'failed';

export interface JobQueueOptions {
  database: Database;
  log: Pick<FastifyBaseLogger, 'warn'>;
  /** Told the outcome of every run (ops/metrics.ts counts them). */
  onRun?: (queue: string, outcome: JobOutcome) => void;
  /** False: jobs are enqueued and kept, but this process runs none (JOBS_WORK=false). */
  work?: boolean;
  /** Jobs of one kind this process runs at once (JOBS_CONCURRENCY). */
  concurrency?: number;
  /** How often an idle kind asks the database for work. */
  pollingIntervalSeconds?: number;
  /** How often expired running jobs are taken back and finished jobs archived (one process does it per interval). */
  maintenanceIntervalSeconds?: number;
  /** The longest `stop` waits for running jobs; those still running are then failed, to be retried. */
  stopTimeoutMs?: number;
}

export interface PeriodicJob {
  /** Five-field cron expression, UTC. */
  cron: string;
}

export interface PgBossJobQueue extends JobQueue {
  /**
   * Declares a job that runs on `cron` and once after any process starts; at most one run of it
   * waits at a time: a start or a cron tick while one waits adds none.
   */
  definePeriodic(name: string, schedule: PeriodicJob, handler: JobHandler<Record<string, never>>, options?: JobOptions): void;
  /** Kinds declared so far. */
  readonly names: readonly string[];
  /** Per kind, read from the database now (metrics read it at scrape time). */
  counts(): Promise<Map<string, JobCounts>>;
}

interface Definition {
  handler: JobHandler<object>;
  options: Required<JobOptions>;
  periodic?: PeriodicJob;
}

/** Creates pg-boss's schema as its first start would (the test template database has it ready). */
export async function installJobsSchema(database: Pick<Database, 'executeSql'>): Promise<void> {
  await database.executeSql(PgBoss.getConstructionPlans(JOBS_SCHEMA));
}

/**
 * Runs `work` (idempotent) again when PostgreSQL ended it as a deadlock victim: processes starting
 * together create the same queues at once (pg-boss attaches a partition per queue, unlocked).
 */
async function retryingDeadlocks(work: () => Promise<void>, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if ((error as { code?: unknown }).code !== '40P01' || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
    }
  }
}

/**
 * The durable job queue on pg-boss 10 (docs/decisions/0011-job-queue-pg-boss.md), over the app's
 * own database on either engine: pg-boss never opens a connection of its own, it runs its SQL
 * through `database.executeSql` (the pool on PostgreSQL, the one PGlite instance embedded), and a
 * job enqueued in a transaction is inserted on that transaction's connection.
 */
export function createJobQueue({
  database,
  log,
  onRun,
  work = true,
  concurrency = 10,
  pollingIntervalSeconds = 2,
  maintenanceIntervalSeconds = 120,
  stopTimeoutMs = 10_000,
}: JobQueueOptions): PgBossJobQueue {
  const definitions = new Map<string, Definition>();
  let state: 'new' | 'starting' | 'started' | 'stopping' | 'stopped' = 'new';
  // Every statement pg-boss has running, so `stop` can wait for them before the database closes
  // (pg-boss does not await the completion it writes after a handler returns).
  const inFlight = new Set<Promise<unknown>>();
  const tracked: ExecuteSql = (text, values) => {
    // Once stopped, the database may be closing: a handler that outlived the stop deadline ends
    // without writing (its job was already handed back for a retry). Only the completion commands
    // pg-boss sends after a handler can come this late (workers, cron and maintenance have stopped);
    // they are answered as when nothing changed.
    if (state === 'stopped') return Promise.resolve({ rows: [{ count: 0 }] });
    const running = database.executeSql(text, values);
    inFlight.add(running);
    void running.then(
      () => inFlight.delete(running),
      () => inFlight.delete(running),
    );
    return running;
  };
  const boss = new PgBoss({
    db: { executeSql: tracked },
    schema: JOBS_SCHEMA,
    // Counts are read at scrape time instead; cron and maintenance run only where jobs are worked.
    supervise: work,
    schedule: work,
    maintenanceIntervalSeconds,
    cronWorkerIntervalSeconds: 10,
    pollingIntervalSeconds,
  });
  // An EventEmitter without an 'error' listener would throw: a failed poll or maintenance run is logged and retried on the next tick.
  boss.on('error', (error) => log.warn({ err: loggableError(error) }, 'job queue: background query failed'));

  /** Records a run's outcome; a database that cannot take it leaves the job running, to expire and be retried. */
  async function record(name: string, jobId: string, outcome: () => Promise<void>): Promise<void> {
    try {
      await outcome();
    } catch (error) {
      log.warn({ job: name, jobId, err: loggableError(error) }, 'job queue: could not record the outcome, the job will run again');
    }
  }

  async function runOne(name: string, definition: Definition, job: PgBoss.JobWithMetadata<object>): Promise<void> {
    const context: JobContext = { id: job.id, retryCount: job.retryCount };
    if (state !== 'started') {
      // Fetched as the queue began to stop: handed back to be run later, by this process or another.
      await record(name, job.id, () => boss.fail(name, job.id, { message: 'the job queue stopped before the job ran' }));
      return;
    }
    try {
      await definition.handler(job.data, context);
    } catch (error) {
      // The name and id only: a job's data may hold addresses or tokens.
      const final = job.retryCount >= job.retryLimit;
      log.warn(
        { job: name, jobId: job.id, retryCount: job.retryCount, retryLimit: job.retryLimit, err: loggableError(error) },
        final ? 'job failed for good' : 'job failed, will retry',
      );
      onRun?.(name, 'failed');
      await record(name, job.id, () => boss.fail(name, job.id, { message: error instanceof Error ? error.message : String(error) }));
      return;
    }
    onRun?.(name, 'completed');
    await record(name, job.id, () => boss.complete(name, job.id));
  }

  async function startWorker(name: string, definition: Definition): Promise<void> {
    let workerId: string | undefined;
    workerId = await boss.work<object>(name, { batchSize: concurrency, includeMetadata: true }, async (jobs) => {
      // runOne never throws: pg-boss would otherwise fail the whole batch, jobs still running included.
      await Promise.all(jobs.map((job) => runOne(name, definition, job)));
      // A full batch suggests more is waiting: fetch again at once rather than after the polling interval.
      if (jobs.length === concurrency && workerId) boss.notifyWorker(workerId);
    });
  }

  function define(name: string, handler: JobHandler<object>, options: JobOptions | undefined, periodic?: PeriodicJob) {
    if (state !== 'new') throw new Error(`job ${name}: kinds are defined before the queue starts`);
    if (definitions.has(name)) throw new Error(`job ${name} is defined twice`);
    definitions.set(name, { handler, options: { ...DEFAULTS, ...options }, ...(periodic ? { periodic } : {}) });
  }

  const queueOptions = (definition: Definition): PgBoss.Queue => ({
    name: '',
    // 'short': at most one job per singleton key waits (pg-boss's unique index on created jobs).
    policy: definition.periodic || definition.options.keyed ? 'short' : 'standard',
    retryLimit: definition.options.retryLimit,
    retryDelay: definition.options.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: definition.options.expireInSeconds,
  });

  return {
    get names() {
      return [...definitions.keys()];
    },
    define<T extends object>(name: string, handler: JobHandler<T>, options?: JobOptions) {
      define(name, handler as JobHandler<object>, options);
    },
    definePeriodic(name, schedule, handler, options) {
      define(name, handler as JobHandler<object>, options, schedule);
    },
    async enqueue<T extends object>(tx: Executor, name: string, data: T, options: { startAfter?: Date; singletonKey?: string } = {}) {
      const definition = definitions.get(name);
      if (!definition) throw new Error(`job ${name} is not defined`);
      if (definition.options.keyed && !options.singletonKey) throw new Error(`job ${name} is keyed: enqueue it with a singletonKey`);
      const id = await boss.send(name, data, {
        db: { executeSql: executorSql(tx) },
        retryLimit: definition.options.retryLimit,
        retryDelay: definition.options.retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: definition.options.expireInSeconds,
        ...(options.startAfter ? { startAfter: options.startAfter } : {}),
        ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      });
      if (id) return id;
      if (definition.options.keyed) return null;
      throw new Error(`job ${name} was not enqueued (is the queue started?)`);
    },
    async start() {
      if (state !== 'new') return;
      state = 'starting';
      // Installs or migrates pg-boss's schema under its own advisory lock, so racing replicas do it once.
      await boss.start();
      await retryingDeadlocks(async () => {
        for (const [name, definition] of definitions) {
          const options = queueOptions(definition);
          await boss.createQueue(name, { ...options, name });
          // A queue made by an older release keeps its row: bring its settings up to date.
          await boss.updateQueue(name, { ...options, name });
          if (definition.periodic) await boss.schedule(name, definition.periodic.cron, {}, { tz: 'UTC' });
        }
      });
      // Catch up on a run missed while no process was up: one more waiting run at most, as a run
      // already waiting absorbs it (sent before the workers start, so it is still waiting here).
      for (const [name, definition] of definitions) {
        if (definition.periodic) await boss.send(name, {}, { singletonKey: name });
      }
      state = 'started';
      if (!work) return;
      for (const [name, definition] of definitions) await startWorker(name, definition);
    },
    async stop() {
      if (state === 'new' || state === 'stopped' || state === 'stopping') return;
      state = 'stopping';
      const deadline = Date.now() + stopTimeoutMs;
      await boss.stop({ graceful: true, wait: true, timeout: stopTimeoutMs });
      while (inFlight.size > 0 && Date.now() < deadline) {
        await Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => setTimeout(resolve, deadline - Date.now()))]);
      }
      state = 'stopped';
    },
    async counts() {
      const result = new Map<string, JobCounts>();
      for (const name of definitions.keys()) result.set(name, { queued: 0, running: 0, failed: 0 });
      if (state !== 'started') return result;
      const { rows } = await database.executeSql(
        `select name, state::text as state, count(*)::int as size from ${JOBS_SCHEMA}.job
         where state in ('created', 'retry', 'active', 'failed') group by name, state`,
      );
      for (const row of rows) {
        const counts = result.get(String(row.name));
        if (!counts) continue;
        const size = Number(row.size);
        if (row.state === 'active') counts.running += size;
        else if (row.state === 'failed') counts.failed += size;
        else counts.queued += size;
      }
      return result;
    },
  };
}
