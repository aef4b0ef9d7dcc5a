import { EMAIL_VERIFICATION_HOURS, PASSWORD_RESET_MINUTES } from '@turnout/contracts';
import type { Db, Executor } from '../../db/database';
import type { JobContext, JobQueue } from '../../jobs/job-queue';
import type { Mailer } from '../../mail/mail-message';
import { accountRepository } from './account.repository';
import { authRepository } from './auth.repository';
import { hashSessionToken, newSessionToken } from './session-tokens';

export const AUTH_JOBS = {
  verifyEmail: 'auth.verify-email',
  passwordReset: 'auth.password-reset',
  notice: 'auth.notice',
} as const;

export interface VerifyEmailJob {
  userId: string;
  email: string;
}
/** Only the address as typed (lower-cased): the request that asks does not look it up, the job does. */
export interface PasswordResetJob {
  email: string;
}
export type Notice =
  | { kind: 'password_changed' }
  | { kind: 'email_changed'; newEmail: string }
  | { kind: 'two_factor_changed'; enabled: boolean };
/** A security notice to `to`, the address verified when the change was made (for an address change, the old one). */
export interface NoticeJob {
  userId: string;
  to: string;
  /** When the change was made, ISO 8601. */
  at: string;
  notice: Notice;
}

/** How auth's writes enqueue their mail: on the transaction of the change, so a rolled-back change mails nothing. */
export const authJobs = (queue: Pick<JobQueue, 'enqueue'>) => ({
  verifyEmail: (tx: Executor, data: VerifyEmailJob) => queue.enqueue(tx, AUTH_JOBS.verifyEmail, data),
  passwordReset: (tx: Executor, data: PasswordResetJob) => queue.enqueue(tx, AUTH_JOBS.passwordReset, data),
  notice: (tx: Executor, data: NoticeJob) => queue.enqueue(tx, AUTH_JOBS.notice, data),
});
export type AuthJobs = ReturnType<typeof authJobs>;

export interface AuthJobDeps {
  db: Db;
  mailer: Mailer;
  publicOrigin: string;
  now?: () => Date;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * The jobs that mail. A token-making job makes its token when it runs (only the SHA-256 stored,
 * keyed by the job's id so a retry replaces its own token), puts it in the link's fragment (never
 * sent to a server, so never in a log or a Referer), and sends once per job.
 */
export function defineAuthJobs(queue: Pick<JobQueue, 'define'>, deps: AuthJobDeps): void {
  const now = deps.now ?? (() => new Date());

  async function issueToken(
    job: JobContext,
    userId: string,
    purpose: 'verify_email' | 'reset_password',
    email: string,
    lifetimeMs: number,
  ): Promise<string> {
    const token = newSessionToken();
    const at = now();
    await deps.db.transaction(async (tx) => {
      // A new reset link retires the older ones still unused: only the latest mail works.
      if (purpose === 'reset_password') await accountRepository.retireTokens(tx, userId, purpose, at, job.id);
      await accountRepository.putToken(tx, {
        tokenHash: hashSessionToken(token),
        userId,
        purpose,
        email,
        jobId: job.id,
        expiresAt: new Date(at.getTime() + lifetimeMs),
      });
    });
    return token;
  }

  queue.define<VerifyEmailJob>(AUTH_JOBS.verifyEmail, async ({ userId, email }, job) => {
    if (await deps.mailer.alreadySent(job.id)) return;
    const user = await authRepository.findUserById(deps.db, userId);
    // The address changed again, or was confirmed meanwhile: this link would confirm nothing.
    if (!user?.email || user.email.toLowerCase() !== email.toLowerCase() || user.emailVerifiedAt) return;
    const token = await issueToken(job, userId, 'verify_email', user.email, EMAIL_VERIFICATION_HOURS * HOUR);
    await deps.mailer.send(job.id, user.email, {
      kind: 'verify_email',
      name: user.name,
      link: `${deps.publicOrigin}/verify-email#token=${token}`,
      expiresHours: EMAIL_VERIFICATION_HOURS,
    });
  });

  queue.define<PasswordResetJob>(AUTH_JOBS.passwordReset, async ({ email }, job) => {
    if (await deps.mailer.alreadySent(job.id)) return;
    // No account, or an unverified address (it gets no mail but its verification): nothing is sent.
    const user = await authRepository.findUserByVerifiedEmail(deps.db, email);
    if (!user?.email) return;
    const token = await issueToken(job, user.id, 'reset_password', user.email, PASSWORD_RESET_MINUTES * MINUTE);
    await deps.mailer.send(job.id, user.email, {
      kind: 'password_reset',
      name: user.name,
      link: `${deps.publicOrigin}/reset-password#token=${token}`,
      expiresMinutes: PASSWORD_RESET_MINUTES,
    });
  });

  queue.define<NoticeJob>(AUTH_JOBS.notice, async ({ userId, to, at, notice }, job) => {
    if (await deps.mailer.alreadySent(job.id)) return;
    const user = await authRepository.findUserById(deps.db, userId);
    if (!user) return;
    const when = new Date(at);
    switch (notice.kind) {
      case 'password_changed':
        return deps.mailer.send(job.id, to, { kind: 'password_changed', name: user.name, at: when });
      case 'email_changed':
        return deps.mailer.send(job.id, to, { kind: 'email_changed', name: user.name, newEmail: notice.newEmail, at: when });
      case 'two_factor_changed':
        return deps.mailer.send(job.id, to, { kind: 'two_factor_changed', name: user.name, enabled: notice.enabled, at: when });
    }
  });
}
