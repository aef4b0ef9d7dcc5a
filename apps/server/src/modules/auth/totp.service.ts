import { ErrorCode } from '@turnout/contracts';
import type { Db, Tx } from '../../db/database';
import type { RunInTransaction } from '../../db/unit-of-work';
import { AppError, conflict, notFound } from '../../http/errors';
import { type SecurityLog, silentSecurityLog } from '../../http/security-log';
import type { JobQueue } from '../../jobs/job-queue';
import type { RateLimiters } from '../../plugins/rate-limits';
import { accountRepository } from './account.repository';
import { wrongPassword } from './account.service';
import { authJobs } from './auth.jobs';
import { authRepository } from './auth.repository';
import type { AuthService } from './auth.service';
import { createLoginAttempts } from './login-attempts';
import type { PasswordHasher } from './passwords';
import { classifyCode, hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpStep } from './totp-codes';
import type { SecretBox } from './totp-secrets';
import type { Viewer } from './viewer';

export interface TotpServiceDeps {
  db: Db;
  runInTransaction: RunInTransaction;
  jobs: Pick<JobQueue, 'enqueue'>;
  passwords: PasswordHasher;
  limits: RateLimiters;
  secrets: SecretBox;
  /** Told when two-factor is turned on or off, so /api/auth/me says so at once. */
  sessions: Pick<AuthService, 'accountChanged'>;
  security?: SecurityLog;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

const totpInvalid = () => new AppError(400, ErrorCode.totpInvalid, 'That code is wrong. Check the time on your device and try again.');

/** Two-factor sign-in: set up (pending), confirmed with a code (on, with recovery codes), turned off with the password. */
export function createTotpService(deps: TotpServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const security = deps.security ?? silentSecurityLog;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const beginAttempt = createLoginAttempts(deps.limits, security, sleep);
  const jobs = authJobs(deps.jobs);

  /** A security notice to the user's verified address, if there is one, on the change's transaction. */
  async function noticeIfVerified(tx: Tx, userId: string, enabled: boolean, at: Date) {
    const user = await authRepository.findUserById(tx, userId);
    if (!user?.email || !user.emailVerifiedAt) return;
    await jobs.notice(tx, { userId, to: user.email, at: at.toISOString(), notice: { kind: 'two_factor_changed', enabled } });
  }

  return {
    /** A new pending secret (replacing a pending one); 409 while two-factor is on. */
    async setup(viewer: Viewer): Promise<{ secret: string; otpauthUrl: string }> {
      const fresh = newTotpSecret(viewer.name);
      if (!(await accountRepository.putPendingTotp(deps.db, viewer.id, deps.secrets.seal(fresh.secret, viewer.id)))) {
        throw conflict(ErrorCode.conflict, 'Two-factor sign-in is already on. Turn it off first to set up another device.');
      }
      return fresh;
    },

    /** Confirms the pending secret with a current code: on, with new recovery codes shown this once. */
    async enable(viewer: Viewer, code: string): Promise<{ recoveryCodes: string[] }> {
      const pending = await accountRepository.findTotp(deps.db, viewer.id);
      if (!pending) throw notFound('Two-factor setup');
      if (pending.enabledAt) throw conflict(ErrorCode.conflict, 'Two-factor sign-in is already on.');
      const typed = classifyCode(code);
      const at = now();
      const step = typed.kind === 'totp' ? totpStep(deps.secrets.open(pending.secretCiphertext, viewer.id), typed.code, at) : null;
      if (step === null) throw totpInvalid();
      const recoveryCodes = newRecoveryCodes();
      await deps.runInTransaction(async (tx) => {
        if (!(await accountRepository.enableTotp(tx, viewer.id, step, at)))
          throw conflict(ErrorCode.conflict, 'Two-factor sign-in is already on.');
        await accountRepository.replaceRecoveryCodes(tx, viewer.id, recoveryCodes.map(hashRecoveryCode));
        await noticeIfVerified(tx, viewer.id, true, at);
      });
      deps.sessions.accountChanged(viewer.id);
      security.record({ event: 'totp_enabled', userId: viewer.id });
      return { recoveryCodes };
    },

    /** Needs the password (counted as a login attempt): the secret and recovery codes are deleted. */
    async disable(viewer: Viewer, password: string, address: string): Promise<void> {
      const attempt = await beginAttempt(viewer.name, address);
      const user = await authRepository.findUserById(deps.db, viewer.id);
      if (!user || !(await deps.passwords.verify(user.passwordHash, password))) {
        await attempt.failed(viewer.id);
        throw wrongPassword();
      }
      await attempt.succeeded();
      const at = now();
      const wasOn = await deps.runInTransaction(async (tx) => {
        const current = await accountRepository.findTotp(tx, viewer.id);
        await accountRepository.deleteTotp(tx, viewer.id);
        if (current?.enabledAt) await noticeIfVerified(tx, viewer.id, false, at);
        return Boolean(current?.enabledAt);
      });
      deps.sessions.accountChanged(viewer.id);
      if (wasOn) security.record({ event: 'totp_disabled', userId: viewer.id });
    },
  };
}

export type TotpService = ReturnType<typeof createTotpService>;
