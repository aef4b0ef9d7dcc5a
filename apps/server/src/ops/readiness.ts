import type { Redis } from 'ioredis';
import type { Database } from '../db/database';

export type CheckResult = 'ok' | 'unavailable';

export interface ReadinessCheck {
  run(): Promise<Record<string, CheckResult>>;
}

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

export function createReadinessCheck(database: Database, redis: Redis | undefined): ReadinessCheck {
  return {
    async run() {
      const checks: Record<string, CheckResult> = {};
      checks.database = await within(database.ping(), 2_000).then(
        () => 'ok' as const,
        () => 'unavailable' as const,
      );
      if (redis) checks.redis = redis.status === 'ready' ? 'ok' : 'unavailable';
      return checks;
    },
  };
}
