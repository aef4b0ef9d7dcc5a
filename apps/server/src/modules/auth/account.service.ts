import { type ChangePasswordBody, ErrorCode, type ResetPasswordBody } from '@turnout/contracts';
import type { Db } from '../../db/database';
import type { RunInTransaction } from '../../db/unit-of-work';
import { AppError, conflict, notFound } from '../../http/errors';
import { type SecurityLog, silentSecurityLog } from '../../http/security-log';
import type { JobQueue } from '../../jobs/job-queue';
import type { RateLimiters } from '../../plugins/rate-limits';
import { accountRepository } from './account.repository';
import { authJobs } from './auth.jobs';
import { authRepository } from './auth.repository';
import type { AuthService } from './auth.service';
import { createLoginAttempts } from './login-attempts';
import { assertAcceptablePassword } from './password-policy';
import type { PasswordHasher } from './passwords';
import { hashSessionToken } from './session-tokens';
import type { Viewer } from './viewer';

export interface AccountServiceDeps {
  db: Db;
  runInTransaction: RunInTransaction;
  jobs: Pick<JobQueue, 'enqueue'>;
  passwords: PasswordHasher;
  limits: RateLimiters;
  /** Tells every process that sessions deleted here ended. */
  sessions: Pick<AuthService, 'sessionsEnded' | 'accountChanged'>;
  security?: SecurityLog;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

const invalidToken = () => new AppError(400, ErrorCode.invalidToken, 'This link is invalid, used or expired. Ask for a new one.');
export const wrongPassword = () => new AppError(403, ErrorCode.wrongPassword, 'The current password is wrong.');
const emailTaken = () =>
  conflict(ErrorCode.emailTaken, 'This email address belongs to another account.', {
    fields: { email: ['This email address is already in use'] },
  });

/** The account's address and password: verification, the forgotten password, the change of either. */
export function createAccountService(deps: AccountServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const security = deps.security ?? silentSecurityLog;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const beginAttempt = createLoginAttempts(deps.limits, security, sleep);
  const jobs = authJobs(deps.jobs);

  const userOf = async (userId: string) => {
    const user = await authRepository.findUserById(deps.db, userId);
    if (!user) throw notFound('Account');
    return user;
  };
  /** Mails to one address are capped per hour, whoever asks for them. */
  const withinMailBudget = (email: string) =>
    deps.limits.accountMails.consume(email.toLowerCase()).then(
      () => true,
      (error: unknown) => {
        if (error instanceof AppError && error.status === 429) return false;
        throw error;
      },
    );

  return {
    /**
     * A new address is stored unverified and sent its link; the old one, if verified, is told. The
     * same address again sends its link again (the "resend"), unless it is verified already.
     */
    async changeEmail(viewer: Viewer, email: string): Promise<void> {
      const user = await userOf(viewer.id);
      const same = user.email?.toLowerCase() === email.toLowerCase();
      if (same && user.emailVerifiedAt) return;
      // Signed in, so past the address's hourly budget the answer may say so: 429.
      await deps.limits.accountMails.consume(email.toLowerCase());
      const at = now();
      await deps.runInTransaction(async (tx) => {
        if (!same && !(await authRepository.setEmail(tx, user.id, email))) throw emailTaken();
        await jobs.verifyEmail(tx, { userId: user.id, email: same && user.email ? user.email : email });
        if (!same && user.email && user.emailVerifiedAt) {
          await jobs.notice(tx, {
            userId: user.id,
            to: user.email,
            at: at.toISOString(),
            notice: { kind: 'email_changed', newEmail: email },
          });
        }
      });
      deps.sessions.accountChanged(user.id);
      if (!same) security.record({ event: 'email_changed', userId: user.id });
    },

    async verifyEmail(token: string): Promise<void> {
      const at = now();
      const userId = await deps.runInTransaction(async (tx) => {
        const used = await accountRepository.consumeToken(tx, hashSessionToken(token), 'verify_email', at);
        // A link for an address the account no longer has confirms nothing.
        if (!used?.email || !(await authRepository.verifyEmail(tx, used.userId, used.email, at))) throw invalidToken();
        return used.userId;
      });
      deps.sessions.accountChanged(userId);
      security.record({ event: 'email_verified', userId });
    },

    /**
     * The same answer and the same work whatever the address: one job enqueued with the address
     * as typed; the job finds the account, if any, and mails only a verified address. Past an
     * address's hourly budget nothing is enqueued, and the answer is still the same.
     */
    async forgotPassword(email: string, address: string): Promise<void> {
      await deps.limits.auth.consume(address);
      const normalised = email.toLowerCase();
      if (!(await withinMailBudget(normalised))) return;
      await jobs.passwordReset(deps.db, { email: normalised });
    },

    /** Sets the password from a mailed token (used once); every session of the user ends. */
    async resetPassword({ token, password }: ResetPasswordBody, address: string): Promise<void> {
      await deps.limits.auth.consume(address);
      const tokenHash = hashSessionToken(token);
      const found = await accountRepository.findLiveToken(deps.db, tokenHash, 'reset_password', now());
      if (!found) throw invalidToken();
      // Refused before the token is used: the user may try a better password with the same link.
      await assertAcceptablePassword(password, { name: found.name, email: found.userEmail });
      const passwordHash = await deps.passwords.hash(password);
      const at = now();
      const { userId, ended } = await deps.runInTransaction(async (tx) => {
        const used = await accountRepository.consumeToken(tx, tokenHash, 'reset_password', at);
        if (!used) throw invalidToken();
        await authRepository.setPasswordHash(tx, used.userId, passwordHash);
        await accountRepository.retireTokens(tx, used.userId, 'reset_password', at);
        const ended = await authRepository.deleteUserSessions(tx, used.userId);
        const user = await authRepository.findUserById(tx, used.userId);
        if (user?.email && user.emailVerifiedAt) {
          await jobs.notice(tx, { userId: used.userId, to: user.email, at: at.toISOString(), notice: { kind: 'password_changed' } });
        }
        return { userId: used.userId, ended };
      });
      deps.sessions.sessionsEnded(ended);
      security.record({ event: 'password_reset', userId, sessionsEnded: ended.length });
    },

    /** Needs the current password (counted as a login attempt); the user's other sessions end. */
    async changePassword(viewer: Viewer, { currentPassword, newPassword }: ChangePasswordBody, address: string): Promise<void> {
      const attempt = await beginAttempt(viewer.name, address);
      const user = await userOf(viewer.id);
      if (!(await deps.passwords.verify(user.passwordHash, currentPassword))) {
        await attempt.failed(user.id);
        throw wrongPassword();
      }
      await attempt.succeeded();
      await assertAcceptablePassword(newPassword, user);
      const passwordHash = await deps.passwords.hash(newPassword);
      const at = now();
      const ended = await deps.runInTransaction(async (tx) => {
        await authRepository.setPasswordHash(tx, user.id, passwordHash);
        // A reset link still in a mailbox would undo this change: it stops working.
        await accountRepository.retireTokens(tx, user.id, 'reset_password', at);
        const ended = await authRepository.deleteUserSessions(tx, user.id, viewer.sessionId);
        if (user.email && user.emailVerifiedAt) {
          await jobs.notice(tx, { userId: user.id, to: user.email, at: at.toISOString(), notice: { kind: 'password_changed' } });
        }
        return ended;
      });
      deps.sessions.sessionsEnded(ended);
      security.record({ event: 'password_changed', userId: user.id, sessionsEnded: ended.length });
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
