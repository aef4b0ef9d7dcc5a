import type { Publisher, RealtimeMessage } from '../realtime/publisher';
import type { Db, Tx } from './database';

/** Messages a write wants sent, and work that follows it; both happen only if its transaction commits. */
export class Outbox {
  readonly messages: RealtimeMessage[] = [];
  readonly followUps: (() => void)[] = [];
  add(...messages: RealtimeMessage[]): void {
    this.messages.push(...messages);
  }
  /** Runs `task` after COMMIT, once the messages are published; never after a rollback. */
  afterCommit(task: () => void): void {
    this.followUps.push(task);
  }
}

export type RunInTransaction = <T>(work: (tx: Tx, outbox: Outbox) => Promise<T>) => Promise<T>;

/**
 * The one path every write takes: run `work` in a transaction, then, after COMMIT, publish what
 * it put in the outbox and start its follow-ups. A rolled-back transaction publishes nothing.
 */
export function createRunInTransaction(db: Db, publisher: () => Publisher): RunInTransaction {
  return (work) => publishing(publisher, (outbox) => db.transaction((tx) => work(tx, outbox)));
}

export type RunStatement = <T>(work: (db: Db, outbox: Outbox) => Promise<T>) => Promise<T>;

/**
 * The same for a write that is exactly one SQL statement: the statement commits on its own, so
 * there is no BEGIN and no COMMIT to wait for, and locks it takes end with it. `work` must run one
 * statement only (several would each commit separately); the outbox is published once it returns.
 */
export function createRunStatement(db: Db, publisher: () => Publisher): RunStatement {
  return (work) => publishing(publisher, (outbox) => work(db, outbox));
}

async function publishing<T>(publisher: () => Publisher, write: (outbox: Outbox) => Promise<T>): Promise<T> {
  const outbox = new Outbox();
  const result = await write(outbox);
  if (outbox.messages.length > 0) publisher().publish(outbox.messages);
  for (const task of outbox.followUps) task();
  return result;
}
