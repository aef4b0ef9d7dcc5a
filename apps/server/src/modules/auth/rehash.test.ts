import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config';
import { users } from '../../db/schema';
import { createRateLimiters } from '../../plugins/rate-limits';
import { buildUser } from '../../test/builders/users';
import { authInfrastructure } from '../../test/harness/auth-service-deps';
import { buildTestApp, type TestApp, testEnv } from '../../test/harness/build-test-app';
import { createAuthService } from './auth.service';
import { createPasswordHasher, hashParameters } from './passwords';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/** A second app's auth service on the same database, configured with `env`. */
function authUnder(env: Record<string, string>) {
  const config = parseConfig({ ...testEnv, ...env });
  return createAuthService({
    ...authInfrastructure(t.db.database.db),
    passwords: createPasswordHasher(config.argon2),
    limits: createRateLimiters(config.rateLimit, undefined),
    session: config.session,
  });
}

const storedHash = async (userId: string) =>
  (await t.db.database.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId)))[0]?.hash ?? '';

describe('a password hash made under lower argon2 costs', () => {
  it('is made again with the raised ones at the next successful login, and still logs in', async () => {
    const user = await buildUser(t);
    expect(hashParameters(await storedHash(user.user.id))).toMatchObject({ memoryCost: 64, timeCost: 1 });

    const raised = authUnder({ ARGON2_MEMORY_KIB: '128', ARGON2_ITERATIONS: '2' });
    await expect(raised.login({ name: user.user.name, password: 'a wrong guess' }, { address: '10.1.1.1' }, undefined)).rejects.toThrow();
    expect(hashParameters(await storedHash(user.user.id))).toMatchObject({ memoryCost: 64, timeCost: 1 });

    await raised.login({ name: user.user.name, password: user.password }, { address: '10.1.1.1' }, undefined);
    const rehashed = await storedHash(user.user.id);
    expect(hashParameters(rehashed)).toEqual({ algorithm: 'argon2id', memoryCost: 128, timeCost: 2, parallelism: 1 });

    // Unchanged costs leave the hash alone; the first app still verifies the new one.
    await raised.login({ name: user.user.name, password: user.password }, { address: '10.1.1.1' }, undefined);
    expect(await storedHash(user.user.id)).toBe(rehashed);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'http://turnout.test' },
      payload: { name: user.user.name, password: user.password },
    });
    expect(login.statusCode).toBe(200);
  });
});
