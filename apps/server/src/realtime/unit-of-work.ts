import type { Db, Tx } from '../db/database';
import type { Publisher, RealtimeMessage } from './publisher';

/** Messages a write wants sent; they leave only if its transaction commits. */
export class Outbox {
  readonly messages: RealtimeMessage[] = [];
  add(...messages: RealtimeMessage[]): void {
    this.messages.push(...messages);
  }
}

export type RunInTransaction = <T>(work: (tx: Tx, outbox: Outbox) => Promise<T>) => Promise<T>;

/**
 * The one path every write takes: run `work` in a transaction, then, after COMMIT, publish what
 * it put in the outbox. A rolled-back transaction publishes nothing.
 */
export function createRunInTransaction(db: Db, publisher: () => Publisher): RunInTransaction {
  return async (work) => {
    const outbox = new Outbox();
    const result = await db.transaction((tx) => work(tx, outbox));
    if (outbox.messages.length > 0) publisher().publish(outbox.messages);
    return result;
  };
}
