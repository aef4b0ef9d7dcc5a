import type { Viewer } from './viewer';

/**
 * How long a resolved session is served from memory. Within this window a session deleted by
 * another process (logout or expiry there) may still be accepted here; logout in this process
 * invalidates at once. Kept to a couple of seconds so cross-process logout stays near-immediate.
 */
export const SESSION_CACHE_TTL_MS = 2_000;
const MAX_ENTRIES = 10_000;

/** A resolved session, or a tombstone (null) left by a logout so that a lookup in flight cannot re-add it. */
interface Entry<T> {
  viewer: T | null;
  at: number;
}

/**
 * Resolved sessions by token hash, so that a burst of requests costs one session query per TTL.
 * Entries past the TTL are dropped a TTL later at the latest (`clock` tells the time for that),
 * so sessions that stopped asking, thousands of idle sockets' handshakes say, hold no memory.
 */
export function createSessionCache<T extends object = Viewer>(ttlMs = SESSION_CACHE_TTL_MS, clock: () => number = Date.now) {
  const entries = new Map<string, Entry<T>>();
  const fresh = (entry: Entry<T> | undefined, now: number): entry is Entry<T> => !!entry && now >= entry.at && now - entry.at < ttlMs;
  let pruning: ReturnType<typeof setTimeout> | undefined;
  // Oldest first (insertion order): stops at the first entry still fresh.
  const prune = () => {
    pruning = undefined;
    const now = clock();
    for (const [sessionId, entry] of entries) {
      if (fresh(entry, now)) break;
      entries.delete(sessionId);
    }
    if (entries.size > 0) schedulePrune();
  };
  const schedulePrune = () => {
    if (pruning) return;
    pruning = setTimeout(prune, ttlMs);
    pruning.unref?.();
  };
  const put = (sessionId: string, entry: Entry<T>) => {
    schedulePrune();
    entries.delete(sessionId);
    // Oldest first (insertion order): a flood of distinct tokens cannot grow the map without bound.
    if (entries.size >= MAX_ENTRIES) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
    entries.set(sessionId, entry);
  };
  return {
    get(sessionId: string, now: number): T | null {
      const entry = entries.get(sessionId);
      if (!fresh(entry, now)) {
        entries.delete(sessionId);
        return null;
      }
      return entry.viewer;
    },
    /** Remembers a viewer the database just confirmed, unless the session ended since `lookedUpAt`. */
    set(sessionId: string, viewer: T, lookedUpAt: number): void {
      const entry = entries.get(sessionId);
      if (entry && entry.viewer === null && entry.at >= lookedUpAt - ttlMs) return;
      put(sessionId, { viewer: Object.freeze({ ...viewer }), at: lookedUpAt });
    },
    /** Forgets the session and, for one TTL, refuses to cache it again. */
    end(sessionId: string, now: number): void {
      put(sessionId, { viewer: null, at: now });
    },
    /** Forgets the sessions whose cached value matches (their account changed): the next request reads them again. */
    forgetWhere(matches: (value: T) => boolean): void {
      for (const [sessionId, entry] of entries) if (entry.viewer !== null && matches(entry.viewer)) entries.delete(sessionId);
    },
    /** Entries held, fresh or not yet pruned. */
    get size(): number {
      return entries.size;
    },
  };
}
