import { Redis } from 'ioredis';
import { buildApp } from '../../app';
import { parseConfig } from '../../config';
import { createTestDatabase, type TestDatabase } from './test-database';

/** Environment every test app starts from: cheap hashing, quiet logs, generous limits. */
export const testEnv: Record<string, string> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  ARGON2_MEMORY_KIB: '64',
  ARGON2_ITERATIONS: '1',
  RATE_LIMIT_AUTH: '100000',
  RATE_LIMIT_LOGIN_FAILURES: '100000',
  RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS: '100000',
  RATE_LIMIT_WRITES: '100000',
  RATE_LIMIT_EVENT_CREATES: '100000',
  SOCKET_HANDSHAKES_PER_MINUTE: '100000',
  PUBLIC_ORIGIN: 'http://turnout.test',
  WEB_DIST_DIR: '/nonexistent-web-dist',
  // A fixed key, so no test writes one into a DATA_DIR.
  TOTP_ENCRYPTION_KEY: '7475726e6f75742d746573742d746f74702d6b65792d33322d62797465732121',
};

export const testRedisUrl = () => process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestApp {
  app: Awaited<ReturnType<typeof buildApp>>;
  db: TestDatabase;
  redis: Redis | undefined;
  close(): Promise<void>;
}

/** A full app on a fresh database of the engine under test. Close it in an after-hook. */
export async function buildTestApp(
  options: { env?: Record<string, string>; redis?: boolean; jobs?: { work: boolean }; now?: () => Date; activityWindowMs?: number } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = parseConfig({ ...testEnv, ...options.env });
  const redis = options.redis ? new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 }) : undefined;
  const app = await buildApp({
    config,
    database: db.database,
    redis,
    logger: false,
    ...(options.jobs ? { jobs: options.jobs } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.activityWindowMs ? { activityWindowMs: options.activityWindowMs } : {}),
  });
  await app.ready();
  return {
    app,
    db,
    redis,
    async close() {
      await app.close();
      redis?.disconnect();
      await db.destroy();
    },
  };
}
