import type { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config';
import { tooManyRequests } from '../http/errors';

export interface Limiter {
  /** Counts one hit for `key`; throws a 429 AppError when the key is over its limit. */
  consume(key: string): Promise<void>;
  /** Throws a 429 AppError when `key` is already at its limit, without counting a hit. */
  assertBelow(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

function limiter(
  points: number,
  duration: number,
  keyPrefix: string,
  redis: Redis | undefined,
  onReject: (limiter: string) => void,
): Limiter {
  const memory = new RateLimiterMemory({ points, duration, keyPrefix });
  // With Redis every process shares the counts; if Redis is down each process falls back to its own.
  const store: RateLimiterAbstract = redis
    ? new RateLimiterRedis({ storeClient: redis, points, duration, keyPrefix: `turnout:rl:${keyPrefix}`, insuranceLimiter: memory })
    : memory;
  const refuse = (res: RateLimiterRes) => {
    onReject(keyPrefix);
    return tooManyRequests(Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
  };
  return {
    async consume(key) {
      try {
        await store.consume(key);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) throw refuse(rejection);
        throw rejection;
      }
    },
    async assertBelow(key) {
      const res = await store.get(key);
      if (res && res.consumedPoints >= points) throw refuse(res);
    },
    async reset(key) {
      await store.delete(key);
    },
  };
}

export interface RateLimiters {
  /** Register and login attempts per client address per minute. */
  auth: Limiter;
  /** Failed logins per account name per 15 minutes. */
  loginFailures: Limiter;
}

export function createRateLimiters(
  config: Config['rateLimit'],
  redis: Redis | undefined,
  onReject: (limiter: string) => void = () => {},
): RateLimiters {
  return {
    auth: limiter(config.authPerMinute, 60, 'auth', redis, onReject),
    loginFailures: limiter(config.loginFailuresPer15Minutes, 15 * 60, 'login-fail', redis, onReject),
  };
}
