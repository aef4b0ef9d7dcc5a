import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoveryCodes, userTotp } from '../../db/schema';
import { buildUser, type TestUser } from '../../test/builders/users';
import { call } from '../../test/harness/api';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';
import { totpCodeAt } from './totp-codes';

let t: TestApp;
let limited: TestApp;
beforeAll(async () => {
  [t, limited] = await Promise.all([buildTestApp(), buildTestApp({ env: { RATE_LIMIT_LOGIN_FAILURES: '3' } })]);
});
afterAll(async () => {
  await Promise.all([t?.close(), limited?.close()]);
});

const STEP = 30_000;
const login = (app: TestApp, user: TestUser, totp?: string) =>
  call(app, 'POST', '/api/auth/login', {
    body: { name: user.user.name, password: user.password, ...(totp === undefined ? {} : { totp }) },
  });

/** Two-factor set up and on for `user`: the secret and the recovery codes. */
async function enableTotp(app: TestApp, user: TestUser) {
  const setup = await call(app, 'POST', '/api/auth/totp/setup', { as: user });
  expect(setup.statusCode).toBe(200);
  const { secret, otpauthUrl } = setup.json();
  const enabled = await call(app, 'POST', '/api/auth/totp/enable', { as: user, body: { code: totpCodeAt(secret, new Date()) } });
  expect(enabled.statusCode).toBe(200);
  return { secret: secret as string, otpauthUrl: otpauthUrl as string, recoveryCodes: enabled.json().recoveryCodes as string[] };
}

describe('two-factor setup', () => {
  it('gives a secret for the authenticator, stored encrypted and not on until a code confirms it', async () => {
    const user = await buildUser(t);
    const first = (await call(t, 'POST', '/api/auth/totp/setup', { as: user })).json();
    expect(first.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Turnout:/);
    expect(first.otpauthUrl).toContain(`issuer=Turnout`);
    expect(first.otpauthUrl).toContain(encodeURIComponent(user.user.name));
    expect(first.secret).toMatch(/^[A-Z2-7]{32}$/);
    const [stored] = await t.db.database.db.select().from(userTotp).where(eq(userTotp.userId, user.user.id));
    expect(stored?.secretCiphertext).not.toContain(first.secret);
    expect(stored?.enabledAt).toBeNull();
    // Pending: login does not ask for a code yet, and asking again replaces the secret.
    expect((await login(t, user)).statusCode).toBe(200);
    const second = (await call(t, 'POST', '/api/auth/totp/setup', { as: user })).json();
    expect(second.secret).not.toBe(first.secret);
    const stale = await call(t, 'POST', '/api/auth/totp/enable', { as: user, body: { code: totpCodeAt(first.secret, new Date()) } });
    expect(stale.statusCode).toBe(400);
    expect(stale.json().error.code).toBe('totp_invalid');
    expect((await me(user)).account.totpEnabled).toBe(false);
  });

  it('turns on with a current code, returning ten one-time recovery codes stored as hashes; setup again is a 409', async () => {
    const user = await buildUser(t);
    expect((await me(user)).account.totpEnabled).toBe(false);
    const { recoveryCodes: codes } = await enableTotp(t, user);
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-z]{5}-[0-9a-z]{5}$/);
    expect(new Set(codes).size).toBe(10);
    const stored = await t.db.database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.user.id));
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(codes[0]?.replace('-', ''));
    expect((await me(user)).account.totpEnabled).toBe(true);
    const again = await call(t, 'POST', '/api/auth/totp/setup', { as: user });
    expect(again.statusCode).toBe(409);
  });

  it('answers 404 to enable without a setup, and 400 to a malformed code', async () => {
    const user = await buildUser(t);
    expect((await call(t, 'POST', '/api/auth/totp/enable', { as: user, body: { code: '123456' } })).statusCode).toBe(404);
    await call(t, 'POST', '/api/auth/totp/setup', { as: user });
    expect((await call(t, 'POST', '/api/auth/totp/enable', { as: user, body: { code: '' } })).statusCode).toBe(400);
    expect((await call(t, 'POST', '/api/auth/totp/enable', { as: user, body: { code: 'x\u0000y' } })).statusCode).toBe(400);
  });
});

const me = async (user: TestUser) => (await call(t, 'GET', '/api/auth/me', { as: user })).json();

describe('login with two-factor on', () => {
  it('asks for the code after the right password only, takes a code once, and a recovery code once', async () => {
    const user = await buildUser(t);
    const { secret, recoveryCodes: codes } = await enableTotp(t, user);

    const wrongPassword = await call(t, 'POST', '/api/auth/login', { body: { name: user.user.name, password: 'not the password' } });
    expect(wrongPassword.json().error.code).toBe('unauthenticated');
    const required = await login(t, user);
    expect(required.statusCode).toBe(401);
    expect(required.json().error.code).toBe('totp_required');
    expect(required.cookies.find((c) => c.name === 'turnout_session' && c.value !== '')).toBeUndefined();

    const wrong = await login(t, user, '000000' === totpCodeAt(secret, new Date()) ? '111111' : '000000');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('totp_invalid');

    // The enabling code spent the current step; the next one (within the window) signs in, once.
    const next = totpCodeAt(secret, new Date(Date.now() + STEP));
    const ok = await login(t, user, next);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().account.totpEnabled).toBe(true);
    expect((await login(t, user, next)).json().error.code).toBe('totp_invalid');
    // An earlier step than the last accepted one is a replay too.
    expect((await login(t, user, totpCodeAt(secret, new Date(Date.now() - STEP)))).json().error.code).toBe('totp_invalid');

    const recovery = codes[0] ?? '';
    expect((await login(t, user, ` ${recovery.toUpperCase()} `)).statusCode).toBe(200);
    expect((await login(t, user, recovery)).json().error.code).toBe('totp_invalid');
    expect((await login(t, user, codes[1]?.replace('-', ''))).statusCode).toBe(200);
  });

  it('turns off with the password only; then login needs no code', async () => {
    const user = await buildUser(t);
    await enableTotp(t, user);
    const wrong = await call(t, 'POST', '/api/auth/totp/disable', { as: user, body: { password: 'not the password' } });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('wrong_password');
    expect((await login(t, user)).json().error.code).toBe('totp_required');
    expect((await call(t, 'POST', '/api/auth/totp/disable', { as: user, body: { password: user.password } })).statusCode).toBe(204);
    expect((await login(t, user)).statusCode).toBe(200);
    expect(await t.db.database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.user.id))).toEqual([]);
  });
});

describe('guessing through the second factor and the password routes', () => {
  it('counts a wrong code as a failed login, and a missing one not at all', async () => {
    const user = await buildUser(limited);
    const { secret } = await enableTotp(limited, user);
    for (let i = 0; i < 5; i++) expect((await login(limited, user)).json().error.code).toBe('totp_required');
    for (let i = 0; i < 3; i++) expect((await login(limited, user, i === 0 ? '00000a' : `99999${i}`)).statusCode).toBe(401);
    const refused = await login(limited, user, totpCodeAt(secret, new Date(Date.now() + STEP)));
    expect(refused.statusCode).toBe(429);
  });

  it('counts wrong current passwords of a change and a two-factor switch-off like failed logins', async () => {
    const user = await buildUser(limited);
    const change = { currentPassword: 'a wrong guess', newPassword: 'an entirely new one' };
    for (let i = 0; i < 2; i++)
      expect((await call(limited, 'POST', '/api/auth/password', { as: user, body: change })).statusCode).toBe(403);
    expect((await call(limited, 'POST', '/api/auth/totp/disable', { as: user, body: { password: 'a wrong guess' } })).statusCode).toBe(403);
    // Three misses from this address: even the right password is refused here now, as at login.
    const right = await call(limited, 'POST', '/api/auth/password', { as: user, body: { ...change, currentPassword: user.password } });
    expect(right.statusCode).toBe(429);
    expect((await login(limited, user)).statusCode).toBe(429);
  });
});
