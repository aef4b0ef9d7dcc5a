/**
 * Runs tasks that share a key one after another, in arrival order, within this process.
 *
 * Joins and leaves of one event serialize on its row lock anyway; without this, a rush on one
 * event parks every pooled connection in that lock queue, starving other requests and timing out
 * waiting ones. Queued here, each process holds at most one connection per event, and the row lock
 * still orders the processes among themselves.
 */
export function createTurns() {
  const tails = new Map<string, Promise<unknown>>();
  return async function inTurn<T>(key: string, task: () => Promise<T>): Promise<T> {
    const current = (tails.get(key) ?? Promise.resolve()).then(task);
    const tail = current.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await current;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
