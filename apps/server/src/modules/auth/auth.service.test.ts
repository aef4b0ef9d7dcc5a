import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../config';
import { sessions } from '../../db/schema';
import { createRateLimiters } from '../../plugins/rate-limits';
import { uniqueName } from '../../test/builders/users';
import { buildTestApp, type TestApp, testEnv } from '../../test/harness/build-test-app';
import { authRepository } from './auth.repository';
import { createAuthService } from './auth.service';
import { createPasswordHasher } from './passwords';
import { SESSION_CACHE_TTL_MS } from './session-cache';

// The session rules at their edges, on the service with a clock of its own. The HTTP tests
// (plugins/session.test.ts) move sessions minutes past their limits; these land on the millisecond.
const IDLE_MINUTES = 30;
const MINUTE = 60_000;

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/** An auth service on the test database whose clock stands at `start` until moved. */
function serviceAt(start: number) {
  const config = parseConfig(testEnv);
  let clock = start;
  const ended: string[] = [];
  const auth = createAuthService({
    db: t.db.database.db,
    passwords: createPasswordHasher(config.argon2),
    limits: createRateLimiters(config.rateLimit, undefined),
    session: { idleMinutes: IDLE_MINUTES, absoluteMinutes: 120 },
    onSessionEnded: (sessionId) => ended.push(sessionId),
    now: () => new Date(clock),
  });
  const moveTo = (at: number) => {
    clock = at;
  };
  return { auth, ended, moveTo };
}

/** A new account's session, last seen at `lastSeenAt` on the service's clock. */
async function sessionOf(service: ReturnType<typeof serviceAt>, lastSeenAt: number) {
  const started = await service.auth.register({ name: uniqueName('clock'), password: 'correct horse battery', role: 'joiner' }, '10.0.0.1');
  await t.db.database.db
    .update(sessions)
    .set({ lastSeenAt: new Date(lastSeenAt) })
    .where(eq(sessions.tokenHash, started.viewer.sessionId));
  return started;
}

const storedSession = async (sessionId: string) =>
  (await t.db.database.db.select().from(sessions).where(eq(sessions.tokenHash, sessionId)))[0];

describe('a session resolved by the auth service', () => {
  it('stays alive idle for exactly SESSION_IDLE_MINUTES and ends a millisecond later', async () => {
    const start = Date.now();
    const service = serviceAt(start);
    const kept = await sessionOf(service, start);
    const lapsed = await sessionOf(service, start);

    service.moveTo(start + IDLE_MINUTES * MINUTE);
    expect(await service.auth.resolve(kept.token)).toMatchObject({ id: kept.viewer.id, sessionId: kept.viewer.sessionId });
    service.moveTo(start + IDLE_MINUTES * MINUTE + 1);
    expect(await service.auth.resolve(lapsed.token)).toBeNull();
    expect(await storedSession(lapsed.viewer.sessionId)).toBeUndefined();
    expect(service.ended).toEqual([lapsed.viewer.sessionId]);
  });

  it('writes its last-seen time only once more than a minute has passed since the last write', async () => {
    const start = Date.now();
    const service = serviceAt(start);
    const { token, viewer } = await sessionOf(service, start);
    const lastSeen = async () => (await storedSession(viewer.sessionId))?.lastSeenAt.getTime();

    service.moveTo(start + MINUTE);
    expect(await service.auth.resolve(token)).not.toBeNull();
    expect(await lastSeen()).toBe(start);
    // Each step below is past the session cache's TTL, so the database is asked every time.
    const written = start + MINUTE + SESSION_CACHE_TTL_MS + 1;
    service.moveTo(written);
    expect(await service.auth.resolve(token)).not.toBeNull();
    expect(await lastSeen()).toBe(written);
    service.moveTo(written + SESSION_CACHE_TTL_MS + 1);
    expect(await service.auth.resolve(token)).not.toBeNull();
    expect(await lastSeen()).toBe(written);
  });

  it('is read from the database once per cache TTL during a burst', async () => {
    const start = Date.now();
    const service = serviceAt(start);
    const { token } = await sessionOf(service, start);
    const reads = vi.spyOn(authRepository, 'findSession');
    try {
      for (const at of [start, start, start + SESSION_CACHE_TTL_MS - 1]) {
        service.moveTo(at);
        expect(await service.auth.resolve(token)).not.toBeNull();
      }
      expect(reads).toHaveBeenCalledTimes(1);
      service.moveTo(start + SESSION_CACHE_TTL_MS);
      expect(await service.auth.resolve(token)).not.toBeNull();
      expect(reads).toHaveBeenCalledTimes(2);
    } finally {
      reads.mockRestore();
    }
  });

  it('is never served from the cache past its absolute expiry', async () => {
    const start = Date.now();
    const service = serviceAt(start);
    const { token, viewer } = await sessionOf(service, start);
    const expiresAt = start + SESSION_CACHE_TTL_MS / 2;
    await t.db.database.db
      .update(sessions)
      .set({ expiresAt: new Date(expiresAt) })
      .where(eq(sessions.tokenHash, viewer.sessionId));

    expect(await service.auth.resolve(token)).not.toBeNull();
    // Within the cache's TTL of that answer, but the session has expired.
    service.moveTo(expiresAt);
    expect(await service.auth.resolve(token)).toBeNull();
  });
});

describe('logout in the auth service', () => {
  it('ends the sockets of the session it deleted, and of no session already gone', async () => {
    const start = Date.now();
    const service = serviceAt(start);
    const { token, viewer } = await sessionOf(service, start);

    await service.auth.logout(token);
    expect(service.ended).toEqual([viewer.sessionId]);
    expect(await storedSession(viewer.sessionId)).toBeUndefined();
    await service.auth.logout(token);
    expect(service.ended).toEqual([viewer.sessionId]);
    expect(await service.auth.resolve(token)).toBeNull();
  });
});
