import { describe, expect, it, vi } from 'vitest';
import { createSessionCache, SESSION_CACHE_TTL_MS } from './session-cache';
import type { Viewer } from './viewer';

const viewer: Viewer = { id: 'u1', name: 'ada', role: 'joiner', createdAt: new Date(0), sessionId: 's1' };

describe('session cache', () => {
  it('serves a resolved session for at most the TTL, then asks the database again', () => {
    const cache = createSessionCache();
    cache.set('s1', viewer, 1_000);
    expect(cache.get('s1', 1_000 + SESSION_CACHE_TTL_MS - 1)).toEqual(viewer);
    expect(cache.get('s1', 1_000 + SESSION_CACHE_TTL_MS)).toBeNull();
  });

  it('keeps the TTL at a couple of seconds, so a logout on another process is honoured that fast', () => {
    expect(SESSION_CACHE_TTL_MS).toBeLessThanOrEqual(2_000);
  });

  it('forgets an ended session at once, and a lookup that started before the end cannot bring it back', () => {
    const cache = createSessionCache();
    cache.set('s1', viewer, 1_000);
    cache.end('s1', 1_100);
    expect(cache.get('s1', 1_100)).toBeNull();
    // A request that read the session from the database just before the logout deleted it:
    cache.set('s1', viewer, 1_050);
    expect(cache.get('s1', 1_200)).toBeNull();
  });

  it('never answers for a clock that went backwards', () => {
    const cache = createSessionCache();
    cache.set('s1', viewer, 5_000);
    expect(cache.get('s1', 4_000)).toBeNull();
  });

  it('hands out a copy that callers cannot change', () => {
    const cache = createSessionCache();
    cache.set('s1', viewer, 0);
    const cached = cache.get('s1', 1);
    expect(Object.isFrozen(cached)).toBe(true);
  });

  it('drops entries once they are past the TTL, without further requests', () => {
    vi.useFakeTimers();
    try {
      const cache = createSessionCache(SESSION_CACHE_TTL_MS, () => Date.now());
      cache.set('s1', viewer, Date.now());
      vi.advanceTimersByTime(SESSION_CACHE_TTL_MS / 2);
      cache.set('s2', { ...viewer, sessionId: 's2' }, Date.now());
      vi.advanceTimersByTime(SESSION_CACHE_TTL_MS / 2);
      expect(cache.size).toBe(1);
      vi.advanceTimersByTime(SESSION_CACHE_TTL_MS);
      expect(cache.size).toBe(0);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
