import type { Redis } from 'ioredis';
import type { Database } from '../db/database';

export type CheckResult = 'ok' | 'unavailable';
export interface Readiness {
  /** `ready` depends on this process and its database only; Redis is reported, never decisive (docs/product.md §7). */
  ready: boolean;
  status: 'ok' | 'unavailable' | 'draining';
  checks: Record<string, CheckResult>;
}

export interface ReadinessCheck {
  run(): Promise<Readiness>;
  /** From now on the process answers "not ready" (SIGTERM): load balancers stop sending it new requests. */
  beginDrain(): void;
  readonly draining: boolean;
}

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

export function createReadinessCheck(database: Pick<Database, 'ping'>, redis: Pick<Redis, 'status'> | undefined): ReadinessCheck {
  let draining = false;
  return {
    get draining() {
      return draining;
    },
    beginDrain() {
      draining = true;
    },
    async run() {
      const checks: Record<string, CheckResult> = {};
      checks.database = await within(database.ping(), 2_000).then(
        () => 'ok' as const,
        () => 'unavailable' as const,
      );
      // Each process keeps serving its own clients while Redis is away: taking every replica out
      // of service at once for it would turn a degraded site into a down one.
      if (redis) checks.redis = redis.status === 'ready' ? 'ok' : 'unavailable';
      const ready = !draining && checks.database === 'ok';
      return { ready, status: draining ? 'draining' : ready ? 'ok' : 'unavailable', checks };
    },
  };
}
