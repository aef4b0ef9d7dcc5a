import { ErrorCode, type LoginBody, type RegisterBody } from '@turnout/contracts';
import type { Config } from '../../config';
import type { Db } from '../../db/database';
import type { UserRow } from '../../db/schema';
import { AppError, conflict } from '../../http/errors';
import { type SecurityLog, silentSecurityLog } from '../../http/security-log';
import { loginDelayMs, type RateLimiters } from '../../plugins/rate-limits';
import { authRepository } from './auth.repository';
import type { PasswordHasher } from './passwords';
import { createSessionCache, SESSION_CACHE_TTL_MS } from './session-cache';
import { hashSessionToken, newSessionToken, SESSION_TOKEN_PATTERN } from './session-tokens';
import type { Viewer } from './viewer';

export interface AuthServiceDeps {
  db: Db;
  passwords: PasswordHasher;
  limits: RateLimiters;
  session: Config['session'];
  /** Called after a session is deleted, so its sockets can be disconnected. */
  onSessionEnded?: (sessionId: string) => void;
  security?: SecurityLog;
  /** Waits before a login whose name is under attack (tests pass a clock that does not wait). */
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

const MINUTE = 60_000;
// A session's last-seen time is written at most this often, not on every request.
const TOUCH_INTERVAL_MS = 60_000;

const invalidCredentials = () => new AppError(401, ErrorCode.unauthenticated, 'Wrong name or password.');

export function createAuthService(deps: AuthServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const security = deps.security ?? silentSecurityLog;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  // A request burst from one session reads it once per TTL; see session-cache.ts for the trade-off.
  const cache = createSessionCache(SESSION_CACHE_TTL_MS, () => now().getTime());
  const ended = (sessionId: string) => {
    cache.end(sessionId, now().getTime());
    deps.onSessionEnded?.(sessionId);
  };

  async function startSession(user: UserRow): Promise<{ token: string; viewer: Viewer }> {
    const token = newSessionToken();
    const sessionId = hashSessionToken(token);
    const expiresAt = new Date(now().getTime() + deps.session.absoluteMinutes * MINUTE);
    await authRepository.insertSession(deps.db, { tokenHash: sessionId, userId: user.id, expiresAt });
    return { token, viewer: toViewer(user, sessionId) };
  }

  return {
    async register(input: RegisterBody, address: string) {
      await deps.limits.auth.consume(address);
      const passwordHash = await deps.passwords.hash(input.password);
      const user = await authRepository.insertUser(deps.db, { name: input.name, role: input.role, passwordHash });
      if (!user)
        throw conflict(ErrorCode.nameTaken, `The name "${input.name}" is already taken.`, {
          fields: { name: ['This name is already taken'] },
        });
      return startSession(user);
    },

    /**
     * Unknown names and wrong passwords take the same time and get the same answer. Guessing is
     * limited per (name, address) and per address, each attempt counted before the password is
     * checked and given back when it was right, so parallel guesses cannot slip past the count. A
     * name failing from many addresses is slowed, never locked: its owner still gets in.
     */
    async login(input: LoginBody, address: string, previousToken: string | undefined) {
      const { limits } = deps;
      await limits.auth.consume(address);
      const pair = `${input.name.toLowerCase()}|${address}`;
      try {
        await limits.loginByNameAndAddress.consume(pair);
        await limits.loginByAddress.consume(address).catch(async (error: unknown) => {
          await limits.loginByNameAndAddress.refund(pair);
          throw error;
        });
      } catch (error) {
        if (error instanceof AppError)
          security.record({ event: 'login_limited', address, retryAfterSeconds: error.headers?.['retry-after'] });
        throw error;
      }
      const nameKey = input.name.toLowerCase();
      const delay = loginDelayMs(await limits.loginFailuresByName.count(nameKey), limits.slowDownAfter);
      if (delay > 0) {
        security.record({ event: 'login_slowed', address, delayMs: delay });
        await sleep(delay);
      }
      const user = await authRepository.findUserByName(deps.db, input.name);
      const ok = await deps.passwords.verify(user?.passwordHash ?? null, input.password);
      if (!user || !ok) {
        await limits.loginFailuresByName.consume(nameKey);
        security.record({ event: 'login_failed', userId: user?.id ?? null, address });
        throw invalidCredentials();
      }
      // Whoever is at this address knows the password: its earlier misses on this name are forgotten.
      // Others at the same address (a shared network) keep theirs: the address's count is only refunded.
      await Promise.all([limits.loginByNameAndAddress.reset(pair), limits.loginByAddress.refund(address)]);
      security.record({ event: 'login_succeeded', userId: user.id, address });
      // Rotation: a session token that existed before login is never reused after it.
      if (previousToken) await this.logout(previousToken);
      return startSession(user);
    },

    async logout(token: string): Promise<void> {
      if (!SESSION_TOKEN_PATTERN.test(token)) return;
      const sessionId = hashSessionToken(token);
      cache.end(sessionId, now().getTime());
      const userId = await authRepository.deleteSession(deps.db, sessionId);
      if (userId === null) return;
      ended(sessionId);
      security.record({ event: 'logout', userId });
    },

    /** The viewer for a session token, or null when it is unknown, idle too long, or past its absolute expiry. */
    async resolve(token: string): Promise<Viewer | null> {
      if (!SESSION_TOKEN_PATTERN.test(token)) return null;
      const sessionId = hashSessionToken(token);
      const at = now();
      const cached = cache.get(sessionId, at.getTime());
      if (cached) return cached;
      const found = await authRepository.findSession(deps.db, sessionId, at);
      if (!found) return null;
      const idleFor = at.getTime() - found.session.lastSeenAt.getTime();
      if (idleFor > deps.session.idleMinutes * MINUTE) {
        await authRepository.deleteSession(deps.db, sessionId);
        ended(sessionId);
        return null;
      }
      if (idleFor > TOUCH_INTERVAL_MS) await authRepository.touchSession(deps.db, sessionId, at);
      const viewer = toViewer(found.user, sessionId);
      // Never past the session's absolute expiry: the cache only serves what the query just allowed.
      if (found.session.expiresAt.getTime() - at.getTime() > SESSION_CACHE_TTL_MS) cache.set(sessionId, viewer, at.getTime());
      return viewer;
    },

    /** Deletes idle and expired sessions and ends their sockets. */
    async sweepExpiredSessions(): Promise<number> {
      const at = now();
      const swept = await authRepository.deleteExpiredSessions(deps.db, at, new Date(at.getTime() - deps.session.idleMinutes * MINUTE));
      for (const sessionId of swept) ended(sessionId);
      return swept.length;
    },

    /** Which of these sessions still exist, however the others ended. */
    existingSessionIds: (sessionIds: readonly string[]) => authRepository.existingSessionIds(deps.db, sessionIds),
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

function toViewer(user: UserRow, sessionId: string): Viewer {
  return { id: user.id, name: user.name, role: user.role, createdAt: user.createdAt, sessionId };
}
