import type { FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config';
import { tooManyRequests } from '../http/errors';
import { requireViewer } from './session';

export interface Limiter {
  /** Counts a hit for `key` first; throws a 429 AppError (with Retry-After) when that puts it over the limit. */
  consume(key: string): Promise<void>;
  /** Gives back a hit counted by `consume` (an attempt that turned out fine). */
  refund(key: string): Promise<void>;
  /** Hits counted for `key` in the current window. */
  count(key: string): Promise<number>;
  /** Forgets `key`'s hits. */
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
  return {
    async consume(key) {
      try {
        // Atomic in Redis and in memory: parallel requests are counted one by one, none slips past.
        await store.consume(key);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        onReject(keyPrefix);
        throw tooManyRequests(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      }
    },
    async refund(key) {
      await store.reward(key, 1);
    },
    async count(key) {
      return (await store.get(key))?.consumedPoints ?? 0;
    },
    async reset(key) {
      await store.delete(key);
    },
  };
}

export interface RateLimiters {
  /** Register and login requests per client address per minute. */
  auth: Limiter;
  /** Login attempts per (account name, client address), counted first and refunded on success. */
  loginByNameAndAddress: Limiter;
  /** Login attempts per client address over all names, counted first and refunded on success. */
  loginByAddress: Limiter;
  /** Failed logins per account name from anywhere: never refuses, it only paces (`loginDelayMs`). */
  loginFailuresByName: Limiter;
  /** Writes per user per minute. */
  writes: Limiter;
  /** Events created per user per hour. */
  eventCreates: Limiter;
  /** Socket handshakes per client address per minute. */
  handshakes: Limiter;
  /** Reset and verification mails asked for one address (lower case) per hour. */
  accountMails: Limiter;
  /** Where a name's slow-down starts: failures from all addresses within 15 minutes. */
  slowDownAfter: number;
}

export function createRateLimiters(
  config: Config['rateLimit'],
  redis: Redis | undefined,
  onReject: (limiter: string) => void = () => {},
): RateLimiters {
  const FIFTEEN_MINUTES = 15 * 60;
  return {
    auth: limiter(config.authPerMinute, 60, 'auth', redis, onReject),
    loginByNameAndAddress: limiter(config.loginFailuresPer15Minutes, FIFTEEN_MINUTES, 'login-name-address', redis, onReject),
    loginByAddress: limiter(config.loginFailuresPerAddressPerHour, 60 * 60, 'login-address', redis, onReject),
    loginFailuresByName: limiter(Number.MAX_SAFE_INTEGER, FIFTEEN_MINUTES, 'login-fail-name', redis, onReject),
    writes: limiter(config.writesPerMinute, 60, 'writes', redis, onReject),
    eventCreates: limiter(config.eventCreatesPerHour, 60 * 60, 'event-creates', redis, onReject),
    handshakes: limiter(config.handshakesPerMinute, 60, 'handshakes', redis, onReject),
    accountMails: limiter(config.accountMailsPerHour, 60 * 60, 'account-mails', redis, onReject),
    slowDownAfter: config.loginFailuresPer15Minutes,
  };
}

const MAX_LOGIN_DELAY_MS = 5_000;

/**
 * How long a login for a name waits once the name has failed `after` times from anywhere: 250 ms,
 * doubling with each further failure, at most 5 s. The owner is slowed, never shut out, and a
 * guesser spread over many addresses gets a few tries a second at most per connection.
 */
export const loginDelayMs = (failures: number, after: number): number =>
  failures < after ? 0 : Math.min(MAX_LOGIN_DELAY_MS, 250 * 2 ** Math.min(failures - after, 10));

/** A route hook that counts one write against the viewer (after authentication and validation). */
export const perUser =
  (...limiters: Limiter[]) =>
  async (request: FastifyRequest): Promise<void> => {
    const { id } = requireViewer(request);
    for (const limit of limiters) await limit.consume(id);
  };

/** The route hooks that count writes: every write, and creating an event (also capped per hour). */
export interface WriteLimits {
  write: (request: FastifyRequest) => Promise<void>;
  createEvent: (request: FastifyRequest) => Promise<void>;
}
