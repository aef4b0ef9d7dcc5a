import type { Viewer } from './auth.service';

/**
 * How long a resolved session is served from memory. Within this window a session deleted by
 * another process (logout or expiry there) may still be accepted here; logout in this process
 * invalidates at once. Kept to a couple of seconds so cross-process logout stays near-immediate.
 */
export const SESSION_CACHE_TTL_MS = 2_000;
const MAX_ENTRIES = 10_000;

/** A resolved viewer, or a tombstone (null) left by a logout so that a lookup in flight cannot re-add it. */
interface Entry {
  viewer: Viewer | null;
  at: number;
}

/** Resolved sessions by token hash, so that a burst of requests costs one session query per TTL. */
export function createSessionCache(ttlMs = SESSION_CACHE_TTL_MS) {
  const entries = new Map<string, Entry>();
  const fresh = (entry: Entry | undefined, now: number): entry is Entry => !!entry && now >= entry.at && now - entry.at < ttlMs;
  const put = (sessionId: string, entry: Entry) => {
    entries.delete(sessionId);
    // Oldest first (insertion order): a flood of distinct tokens cannot grow the map without bound.
    if (entries.size >= MAX_ENTRIES) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
    entries.set(sessionId, entry);
  };
  return {
    get(sessionId: string, now: number): Viewer | null {
      const entry = entries.get(sessionId);
      if (!fresh(entry, now)) {
        entries.delete(sessionId);
        return null;
      }
      return entry.viewer;
    },
    /** Remembers a viewer the database just confirmed, unless the session ended since `lookedUpAt`. */
    set(sessionId: string, viewer: Viewer, lookedUpAt: number): void {
      const entry = entries.get(sessionId);
      if (entry && entry.viewer === null && entry.at >= lookedUpAt - ttlMs) return;
      put(sessionId, { viewer: Object.freeze({ ...viewer }), at: lookedUpAt });
    },
    /** Forgets the session and, for one TTL, refuses to cache it again. */
    end(sessionId: string, now: number): void {
      put(sessionId, { viewer: null, at: now });
    },
  };
}
