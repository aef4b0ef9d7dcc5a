import type { FastifyBaseLogger } from 'fastify';

export interface SessionSweeperDeps {
  /** Deletes expired and idle sessions and ends their sockets (AuthService). */
  sweepExpiredSessions(): Promise<number>;
  /** The ids among these that still have a session (AuthService). */
  existingSessionIds(sessionIds: readonly string[]): Promise<Set<string>>;
  /** Session ids of the sockets connected to this process. */
  localSessionIds(): Iterable<string>;
  /** Disconnects this process's sockets of a session that no longer exists. */
  endLocalSession(sessionId: string): void;
  log: FastifyBaseLogger;
  intervalMs?: number;
}

/**
 * Every minute: deletes expired sessions (their sockets are disconnected through the publisher),
 * then disconnects this process's sockets whose session is gone however it went: a logout while
 * the socket was being admitted, or one whose disconnect message was lost during a Redis outage.
 */
export function startSessionSweeper(deps: SessionSweeperDeps) {
  let running: Promise<void> | undefined;
  const sweep = async () => {
    await deps.sweepExpiredSessions();
    const ids = [...new Set(deps.localSessionIds())];
    if (ids.length === 0) return;
    const alive = await deps.existingSessionIds(ids);
    for (const id of ids) if (!alive.has(id)) deps.endLocalSession(id);
  };
  const timer = setInterval(() => {
    if (running !== undefined) return;
    running = sweep()
      .catch((err: unknown) => deps.log.warn({ err }, 'session sweep failed'))
      .finally(() => {
        running = undefined;
      });
  }, deps.intervalMs ?? 60_000).unref();
  return {
    /** Runs one sweep now, as the timer would. */
    sweepNow: () => sweep(),
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
