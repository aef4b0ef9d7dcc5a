import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config';
import type { SecurityEvent } from '../../http/security-log';
import { createRateLimiters } from '../../plugins/rate-limits';
import { buildUser, type TestUser } from '../../test/builders/users';
import { authInfrastructure } from '../../test/harness/auth-service-deps';
import { buildTestApp, type TestApp, testEnv } from '../../test/harness/build-test-app';
import { createAuthService } from './auth.service';
import { createPasswordHasher } from './passwords';

let t: TestApp;
let owner: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  owner = await buildUser(t);
});
afterAll(() => t.close());

const address = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** The auth service on the test database with real limiters, and its waits and security events recorded instead of slept. */
function authWith(env: Record<string, string>) {
  const config = parseConfig({ ...testEnv, ...env });
  const waits: number[] = [];
  const events: SecurityEvent[] = [];
  const auth = createAuthService({
    ...authInfrastructure(t.db.database.db),
    passwords: createPasswordHasher(config.argon2),
    limits: createRateLimiters(config.rateLimit, undefined),
    session: config.session,
    security: { record: (event) => events.push(event) },
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return { auth, waits, events };
}

describe('a name guessed from many addresses', () => {
  it('is slowed, more with every failure, and never refused: its owner still logs in', async () => {
    const { auth, waits, events } = authWith({ RATE_LIMIT_LOGIN_FAILURES: '3' });
    const name = owner.user.name;
    for (let i = 0; i < 6; i++) {
      await expect(auth.login({ name, password: `guess ${i}` }, { address: address() }, undefined)).rejects.toMatchObject({ status: 401 });
    }
    // Failures 1–3 are not slowed; from the fourth attempt on each waits twice as long as the last.
    expect(waits).toEqual([250, 500, 1000]);
    const session = await auth.login({ name, password: owner.password }, { address: address() }, undefined);
    expect(session.viewer.id).toBe(owner.user.id);
    expect(waits).toEqual([250, 500, 1000, 2000]);
    expect(events.filter((e) => e.event === 'login_slowed')).toHaveLength(4);
    expect(events.at(-1)).toMatchObject({ event: 'login_succeeded', userId: owner.user.id });
  });

  it('is not slowed while its failures stay under the threshold', async () => {
    const { auth, waits } = authWith({ RATE_LIMIT_LOGIN_FAILURES: '5' });
    const other = await buildUser(t);
    for (let i = 0; i < 4; i++)
      await expect(auth.login({ name: other.user.name, password: 'nope' }, { address: address() }, undefined)).rejects.toThrow();
    await auth.login({ name: other.user.name, password: other.password }, { address: address() }, undefined);
    expect(waits).toEqual([]);
  });
});
