/**
 * Runs tasks that share a key at most `perKey` at a time, starting them in arrival order, within
 * this process.
 *
 * Joins and leaves of one event serialize on its row lock anyway; without this, a rush on one
 * event parks every pooled connection in that lock queue, starving other requests and timing out
 * waiting ones. Here each process holds at most `perKey` connections per event, and the row lock
 * still orders the processes among themselves. Two at a time keeps the next transaction already
 * waiting on the lock when the current one commits, so the hand-over costs no round trips; it
 * starts only once the one before it has started, so the lock is still taken in arrival order.
 */
export function createTurns(perKey = 1) {
  const lines = new Map<string, { running: number; waiting: (() => void)[] }>();

  function release(key: string) {
    const line = lines.get(key);
    if (!line) return;
    const next = line.waiting.shift();
    if (next) next();
    else if (--line.running === 0) lines.delete(key);
  }

  return async function inTurn<T>(key: string, task: () => Promise<T>): Promise<T> {
    let line = lines.get(key);
    if (!line) {
      line = { running: 0, waiting: [] };
      lines.set(key, line);
    }
    if (line.running < perKey) line.running++;
    else await new Promise<void>((resolve) => line.waiting.push(resolve));
    try {
      return await task();
    } finally {
      release(key);
    }
  };
}
