import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../config';
import { sessions } from '../../db/schema';
import type { AppError } from '../../http/errors';
import type { SecurityEvent } from '../../http/security-log';
import { createRateLimiters, type RateLimiters } from '../../plugins/rate-limits';
import { uniqueName } from '../../test/builders/users';
import { authInfrastructure } from '../../test/harness/auth-service-deps';
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

/**
 * An auth service on the test database whose clock stands at `start` until moved, with the
 * security events it records. `env` adds to the test environment; `limits` may replace limiters.
 */
function serviceAt(start: number, options: { env?: Record<string, string>; limits?: (real: RateLimiters) => RateLimiters } = {}) {
  const config = parseConfig({ ...testEnv, ...options.env });
  let clock = start;
  const ended: string[] = [];
  const events: SecurityEvent[] = [];
  const limits = createRateLimiters(config.rateLimit, undefined);
  const auth = createAuthService({
    ...authInfrastructure(t.db.database.db),
    passwords: createPasswordHasher(config.argon2),
    limits: options.limits ? options.limits(limits) : limits,
    session: { idleMinutes: IDLE_MINUTES, absoluteMinutes: 120 },
    onSessionEnded: (sessionId) => ended.push(sessionId),
    security: { record: (event) => events.push(event) },
    now: () => new Date(clock),
  });
  const moveTo = (at: number) => {
    clock = at;
  };
  return { auth, ended, events, moveTo };
}

/** A new account's session, last seen at `lastSeenAt` on the service's clock. */
async function sessionOf(service: ReturnType<typeof serviceAt>, lastSeenAt: number) {
  const name = uniqueName('clock');
  const started = await service.auth.register(
    { name, email: `${name}@example.test`, password: 'correct horse battery', role: 'joiner' },
    { address: '10.0.0.1' },
  );
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

describe('login in the auth service', () => {
  const address = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

  it('records a refused guess as login_limited, with the Retry-After it answered', async () => {
    const service = serviceAt(Date.now(), { env: { RATE_LIMIT_LOGIN_FAILURES: '2' } });
    const { viewer } = await sessionOf(service, Date.now());
    const from = address();
    for (let i = 0; i < 2; i++)
      await expect(service.auth.login({ name: viewer.name, password: 'guess' }, { address: from }, undefined)).rejects.toMatchObject({
        status: 401,
      });
    const refused = service.auth.login({ name: viewer.name, password: 'guess' }, { address: from }, undefined);
    await expect(refused).rejects.toMatchObject({ status: 429 });
    const retryAfter = await refused.catch((error: AppError) => error.headers?.['retry-after']);
    expect(retryAfter).toMatch(/^\d+$/);
    expect(service.events.at(-1)).toEqual({ event: 'login_limited', address: from, retryAfterSeconds: retryAfter });
  });

  it('lets a limiter that fails pass its error on, without recording a refusal', async () => {
    const unreachable = new Error('the limit store is unreachable');
    const service = serviceAt(Date.now(), {
      limits: (real) => ({
        ...real,
        loginByNameAndAddress: {
          ...real.loginByNameAndAddress,
          consume: () => Promise.reject(unreachable),
        },
      }),
    });
    const { viewer } = await sessionOf(service, Date.now());
    await expect(service.auth.login({ name: viewer.name, password: 'guess' }, { address: address() }, undefined)).rejects.toBe(unreachable);
    expect(service.events).toEqual([]);
  });

  it('slows a name guessed under a look-alike spelling the lookup folds to it', async () => {
    const service = serviceAt(Date.now(), { env: { RATE_LIMIT_LOGIN_FAILURES: '3' } });
    const { viewer } = await sessionOf(service, Date.now());
    // U+212A KELVIN SIGN: "\u212A".toLowerCase() and PostgreSQL's lower() are both "k".
    const lookalike = viewer.name.replace('k', '\u212A');
    for (let i = 0; i < 3; i++)
      await expect(service.auth.login({ name: lookalike, password: 'guess' }, { address: address() }, undefined)).rejects.toMatchObject({
        status: 401,
      });
    await expect(service.auth.login({ name: viewer.name, password: 'guess' }, { address: address() }, undefined)).rejects.toMatchObject({
      status: 401,
    });
    expect(service.events).toContainEqual(expect.objectContaining({ event: 'login_slowed', delayMs: 250 }));
  });

  it('waits on a real timer when no sleep is given', async () => {
    const service = serviceAt(Date.now(), { env: { RATE_LIMIT_LOGIN_FAILURES: '1' } });
    const { viewer } = await sessionOf(service, Date.now());
    await expect(service.auth.login({ name: viewer.name, password: 'guess' }, { address: address() }, undefined)).rejects.toMatchObject({
      status: 401,
    });
    const timers = vi.spyOn(globalThis, 'setTimeout');
    try {
      await expect(service.auth.login({ name: viewer.name, password: 'guess' }, { address: address() }, undefined)).rejects.toMatchObject({
        status: 401,
      });
      expect(timers).toHaveBeenCalledWith(expect.any(Function), 250);
    } finally {
      timers.mockRestore();
    }
  });
});
