import type { Executor } from '../db/database';

/** What a handler knows about the job it runs. */
export interface JobContext {
  /** The queue's id for the job: stable across its retries, so work keyed on it is done once. */
  id: string;
  /** 0 on the first attempt. */
  retryCount: number;
}

export type JobHandler<T> = (data: T, job: JobContext) => Promise<void>;

export interface JobOptions {
  /** Attempts after the first before the job is failed (default 5). */
  retryLimit?: number;
  /** First retry after this many seconds, doubling each time (default 10). */
  retryDelaySeconds?: number;
  /** A running job not finished in this time is taken back and retried (default 120). */
  expireInSeconds?: number;
  /**
   * Every job of the kind carries a `singletonKey`, and one waiting with a key absorbs any other
   * enqueued with it until it starts (`enqueue` then answers null): a burst of causes makes one run.
   */
  keyed?: boolean;
}

/**
 * The durable job queue (docs/ARCHITECTURE.md, "Jobs"): everything that happens after or outside
 * a request. A job is enqueued on the transaction of the write that causes it, so it exists only
 * if that write commits; it runs once, on one process, retried with backoff when it throws.
 */
export interface JobQueue {
  /** Declares a kind of job and what runs it; every kind is declared before `start`. */
  define<T extends object>(name: string, handler: JobHandler<T>, options?: JobOptions): void;
  /**
   * Enqueues on `tx` (or on its own when given the database); answers the job's id, or null when a
   * job of a `keyed` kind with the same `singletonKey` is already waiting.
   */
  enqueue<T extends object>(
    tx: Executor,
    name: string,
    data: T,
    options?: { startAfter?: Date; singletonKey?: string },
  ): Promise<string | null>;
  /** Creates the queue's tables if needed and starts working. */
  start(): Promise<void>;
  /** Stops taking jobs and waits (bounded) for the running ones. */
  stop(): Promise<void>;
}
