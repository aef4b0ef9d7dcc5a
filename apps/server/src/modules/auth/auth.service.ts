import { ErrorCode, type LoginBody, type RegisterBody } from '@turnout/contracts';
import type { Config } from '../../config';
import type { Db } from '../../db/database';
import type { UserRow } from '../../db/schema';
import type { RunInTransaction } from '../../db/unit-of-work';
import { AppError, conflict, notFound } from '../../http/errors';
import { type SecurityLog, silentSecurityLog } from '../../http/security-log';
import type { JobQueue } from '../../jobs/job-queue';
import type { RateLimiters } from '../../plugins/rate-limits';
import { authJobs } from './auth.jobs';
import { type AccountState, authRepository } from './auth.repository';
import { createLoginAttempts } from './login-attempts';
import { assertAcceptablePassword } from './password-policy';
import type { PasswordHasher } from './passwords';
import { createSecondFactor } from './second-factor';
import { createSessionCache, SESSION_CACHE_TTL_MS } from './session-cache';
import { cleanUserAgent, hashSessionToken, newSessionToken, SESSION_TOKEN_PATTERN } from './session-tokens';
import type { SecretBox } from './totp-secrets';
import type { Viewer } from './viewer';

export interface AuthServiceDeps {
  db: Db;
  runInTransaction: RunInTransaction;
  jobs: Pick<JobQueue, 'enqueue'>;
  passwords: PasswordHasher;
  limits: RateLimiters;
  session: Config['session'];
  /** Opens two-factor secrets (TOTP_ENCRYPTION_KEY). */
  secrets: SecretBox;
  /** Called after a session is deleted, so its sockets can be disconnected (on every process). */
  onSessionEnded?: (sessionId: string) => void;
  security?: SecurityLog;
  /** Waits before a login whose name is under attack (tests pass a clock that does not wait). */
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

/** Where a request comes from, as sessions record it. */
export interface Client {
  address: string;
  userAgent?: string | undefined;
}

const MINUTE = 60_000;
// A session's last-seen time is written at most this often, not on every request.
const TOUCH_INTERVAL_MS = 60_000;

const invalidCredentials = () => new AppError(401, ErrorCode.unauthenticated, 'Wrong name or password.');

export function createAuthService(deps: AuthServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const security = deps.security ?? silentSecurityLog;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const beginAttempt = createLoginAttempts(deps.limits, security, sleep);
  const secondFactor = createSecondFactor({ db: deps.db, secrets: deps.secrets });
  const jobs = authJobs(deps.jobs);
  // A request burst from one session reads it once per TTL; see session-cache.ts for the trade-off.
  // The owner's account state comes with it, so /api/auth/me costs no query of its own.
  const cache = createSessionCache<{ viewer: Viewer; account: AccountState }>(SESSION_CACHE_TTL_MS, () => now().getTime());
  const ended = (sessionId: string) => {
    cache.end(sessionId, now().getTime());
    deps.onSessionEnded?.(sessionId);
  };

  async function startSession(user: UserRow, client: Client): Promise<{ token: string; viewer: Viewer }> {
    const token = newSessionToken();
    const sessionId = hashSessionToken(token);
    const expiresAt = new Date(now().getTime() + deps.session.absoluteMinutes * MINUTE);
    await authRepository.insertSession(deps.db, {
      tokenHash: sessionId,
      userId: user.id,
      expiresAt,
      userAgent: cleanUserAgent(client.userAgent),
    });
    return { token, viewer: toViewer(user, sessionId) };
  }

  async function accountOf(userId: string): Promise<AccountState> {
    const account = await authRepository.account(deps.db, userId);
    if (!account) throw notFound('Account');
    return account;
  }

  const service = {
    async register(input: RegisterBody, client: Client) {
      await deps.limits.auth.consume(client.address);
      await assertAcceptablePassword(input.password, input);
      const passwordHash = await deps.passwords.hash(input.password);
      const user = await deps.runInTransaction(async (tx) => {
        const inserted = await authRepository.insertUser(tx, { name: input.name, role: input.role, passwordHash, email: input.email });
        if ('conflict' in inserted) {
          if (inserted.conflict === 'email')
            throw conflict(ErrorCode.emailTaken, 'This email address belongs to another account.', {
              fields: { email: ['This email address is already in use'] },
            });
          throw conflict(ErrorCode.nameTaken, `The name “${input.name}” is already taken.`, {
            fields: { name: ['This name is already taken'] },
          });
        }
        await jobs.verifyEmail(tx, { userId: inserted.user.id, email: input.email });
        return inserted.user;
      });
      const started = await startSession(user, client);
      return {
        ...started,
        account: { email: user.email, emailVerified: false, totpEnabled: false, avatarId: null } satisfies AccountState,
      };
    },

    /**
     * Unknown names and wrong passwords take the same time and get the same answer (login-attempts.ts
     * counts them). With two-factor on, the right password without a code is 401 totp_required and
     * not a failure; a wrong code is 401 totp_invalid and is one.
     */
    async login(input: LoginBody, client: Client, previousToken: string | undefined) {
      const { address } = client;
      await deps.limits.auth.consume(address);
      const attempt = await beginAttempt(input.name, address);
      const user = await authRepository.findUserByName(deps.db, input.name);
      const ok = await deps.passwords.verify(user?.passwordHash ?? null, input.password);
      if (!user || !ok) {
        await attempt.failed(user?.id ?? null);
        throw invalidCredentials();
      }
      const factor = await secondFactor.check(user.id, input.totp, now());
      if (factor === 'required') {
        await attempt.notCounted();
        throw new AppError(401, ErrorCode.totpRequired, 'Enter the code from your authenticator app.');
      }
      if (factor === 'invalid') {
        await attempt.failed(user.id);
        throw new AppError(401, ErrorCode.totpInvalid, 'That code is wrong or was already used.');
      }
      // Whoever is at this address knows the password: its earlier misses on this name are forgotten.
      await attempt.succeeded();
      security.record({ event: 'login_succeeded', userId: user.id, address });
      // The cost parameters were raised since this hash was made: it is made again with them.
      if (deps.passwords.needsRehash(user.passwordHash)) {
        await authRepository.setPasswordHash(deps.db, user.id, await deps.passwords.hash(input.password));
      }
      // Rotation: a session token that existed before login is never reused after it.
      if (previousToken) await service.logout(previousToken);
      return { ...(await startSession(user, client)), account: await accountOf(user.id) };
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
      if (cached) return cached.viewer;
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
      if (found.session.expiresAt.getTime() - at.getTime() > SESSION_CACHE_TTL_MS) {
        cache.set(sessionId, { viewer, account: found.account }, at.getTime());
      }
      return viewer;
    },

    /** What only the owner sees of their account: /api/auth/me (read with the session when it was cached). */
    async account(viewer: Viewer): Promise<AccountState> {
      return cache.get(viewer.sessionId, now().getTime())?.account ?? accountOf(viewer.id);
    },

    /**
     * The user's address or two-factor state changed: this process reads their sessions again.
     * Another process may show the former state for the rest of its cache entry (SESSION_CACHE_TTL_MS).
     */
    accountChanged(userId: string): void {
      cache.forgetWhere((entry) => entry.viewer.id === userId);
    },

    listSessions(viewer: Viewer) {
      const at = now();
      return authRepository.listSessions(deps.db, viewer.id, at, new Date(at.getTime() - deps.session.idleMinutes * MINUTE));
    },

    /** Ends one of the viewer's sessions (any other's is a 404); answers whether it was the one asking. */
    async revokeSession(viewer: Viewer, id: string): Promise<{ current: boolean }> {
      const sessionId = await authRepository.deleteOwnSession(deps.db, viewer.id, id);
      if (sessionId === null) throw notFound('Session');
      ended(sessionId);
      security.record({ event: 'session_revoked', userId: viewer.id });
      return { current: sessionId === viewer.sessionId };
    },

    /** After a commit that deleted these sessions: no process serves them again, their sockets disconnect. */
    sessionsEnded(sessionIds: readonly string[]): void {
      for (const sessionId of sessionIds) ended(sessionId);
    },

    /** Drops a session another process ended from this process's cache (it was deleted there). */
    forgetSession(sessionId: string): void {
      cache.end(sessionId, now().getTime());
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
  return service;
}

export type AuthService = ReturnType<typeof createAuthService>;

function toViewer(user: UserRow, sessionId: string): Viewer {
  return { id: user.id, name: user.name, role: user.role, createdAt: user.createdAt, sessionId };
}
