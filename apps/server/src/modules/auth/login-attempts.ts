import { AppError } from '../../http/errors';
import type { SecurityLog } from '../../http/security-log';
import { loginDelayMs, type RateLimiters } from '../../plugins/rate-limits';

/** One check of a secret (a password, a two-factor code) against an account, counted as a login attempt. */
export interface LoginAttempt {
  /** The secret was right and the attempt is over: this address's misses on the name are forgotten. */
  succeeded(): Promise<void>;
  /** The password was right but a second factor is still needed: the attempt is given back, nothing forgotten. */
  notCounted(): Promise<void>;
  /** The secret was wrong: it stays counted, and the name's slow-down grows. */
  failed(userId: string | null): Promise<void>;
}

/**
 * Guessing is limited per (name, address) and per address, each attempt counted before the secret
 * is checked, so parallel guesses cannot slip past the count. A name failing from many addresses
 * is slowed, never locked: its owner still gets in. Login, the password change, turning two-factor
 * off and the second factor itself all go through here, so none is a cheaper way to guess.
 */
export function createLoginAttempts(limits: RateLimiters, security: SecurityLog, sleep: (ms: number) => Promise<void>) {
  return async function begin(name: string, address: string): Promise<LoginAttempt> {
    const nameKey = name.toLowerCase();
    const pair = `${nameKey}|${address}`;
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
    const delay = loginDelayMs(await limits.loginFailuresByName.count(nameKey), limits.slowDownAfter);
    if (delay > 0) {
      security.record({ event: 'login_slowed', address, delayMs: delay });
      await sleep(delay);
    }
    return {
      async succeeded() {
        // Others at the same address (a shared network) keep theirs: the address's count is only refunded.
        await Promise.all([limits.loginByNameAndAddress.reset(pair), limits.loginByAddress.refund(address)]);
      },
      async notCounted() {
        await Promise.all([limits.loginByNameAndAddress.refund(pair), limits.loginByAddress.refund(address)]);
      },
      async failed(userId) {
        await limits.loginFailuresByName.consume(nameKey);
        security.record({ event: 'login_failed', userId, address });
      },
    };
  };
}

export type BeginLoginAttempt = ReturnType<typeof createLoginAttempts>;
