import type { FastifyBaseLogger } from 'fastify';

/**
 * What operators watch for: who logged in or failed to, who was slowed or refused, logouts, and
 * refused cross-origin writes and socket handshakes. Logged at `info` (LOG_LEVEL's default keeps
 * them) under the `security` key, so they can be filtered from the rest. Never a password, a token
 * or a name typed at login (which is sometimes a password typed into the wrong field): the user id
 * when the name exists.
 */
export type SecurityEvent =
  | { event: 'login_succeeded'; userId: string; address: string }
  | { event: 'login_failed'; userId: string | null; address: string }
  | { event: 'login_limited'; address: string; retryAfterSeconds: string | undefined }
  | { event: 'login_slowed'; address: string; delayMs: number }
  | { event: 'logout'; userId: string }
  | { event: 'session_revoked'; userId: string }
  | { event: 'password_changed'; userId: string; sessionsEnded: number }
  | { event: 'password_reset'; userId: string; sessionsEnded: number }
  | { event: 'email_changed'; userId: string }
  | { event: 'email_verified'; userId: string }
  | { event: 'totp_enabled'; userId: string }
  | { event: 'totp_disabled'; userId: string }
  | { event: 'recovery_code_used'; userId: string }
  | { event: 'csrf_refused'; address: string; method: string; origin: string | undefined }
  | { event: 'socket_refused'; address: string; reason: string };

export interface SecurityLog {
  record(event: SecurityEvent): void;
}

export const securityLog = (log: Pick<FastifyBaseLogger, 'info'>): SecurityLog => ({
  record: (event) => log.info({ security: event }, `security: ${event.event}`),
});

export const silentSecurityLog: SecurityLog = { record() {} };
