import { randomBytes, randomUUID } from 'node:crypto';
import type { Db, Executor } from '../../db/database';
import { createRunInTransaction } from '../../db/unit-of-work';
import type { JobQueue } from '../../jobs/job-queue';
import { createSecretBox } from '../../modules/auth';
import { silentPublisher } from '../../realtime/publisher';

/** A job enqueued through `recordingJobs`: its name and data, and whether it was on a transaction. */
export interface RecordedJob {
  name: string;
  data: object;
  executor: Executor;
}

/** Records what is enqueued and runs nothing: for services tested without the queue's workers. */
export function recordingJobs(): Pick<JobQueue, 'enqueue'> & { enqueued: RecordedJob[] } {
  const enqueued: RecordedJob[] = [];
  return {
    enqueued,
    async enqueue(executor, name, data) {
      enqueued.push({ name, data, executor });
      return randomUUID();
    },
  };
}

/** What every auth service needs beside its limits and clock, on `db`, publishing nowhere. */
export const authInfrastructure = (db: Db) => ({
  db,
  runInTransaction: createRunInTransaction(db, () => silentPublisher),
  jobs: recordingJobs(),
  secrets: createSecretBox(randomBytes(32)),
});
