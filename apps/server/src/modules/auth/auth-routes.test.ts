import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, registration, uniqueName } from '../../test/builders/users';
import { ORIGIN } from '../../test/harness/api';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers: { origin: ORIGIN, ...headers } });

describe('register', () => {
  it('creates the account, logs in with an HttpOnly SameSite=Lax cookie, and me answers', async () => {
    const name = uniqueName('Ada');
    const response = await post('/api/auth/register', registration('routes', { name, role: 'organizer' }));
    expect(response.statusCode).toBe(201);
    expect(response.json().user).toMatchObject({ name, role: 'organizer' });
    const cookie = response.cookies[0];
    expect(cookie).toMatchObject({ name: 'turnout_session', httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `${cookie?.name}=${cookie?.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.name).toBe(name);
  });

  it('refuses a name taken in another case with 409, saying so for the name field', async () => {
    const name = uniqueName('Case');
    await buildUser(t, { name });
    const response = await post('/api/auth/register', registration('routes', { name: name.toUpperCase(), password: 'another password' }));
    expect(response.statusCode).toBe(409);
    // The register form shows the message under the name field.
    expect(response.json()).toEqual({
      error: {
        code: 'name_taken',
        message: `The name “${name.toUpperCase()}” is already taken.`,
        details: { fields: { name: ['This name is already taken'] } },
      },
    });
  });

  it('answers bad fields with 400 and the field errors', async () => {
    const response = await post('/api/auth/register', { name: 'a b', email: 'not an address', password: 'short', role: 'admin' });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('validation_failed');
    expect(Object.keys(error.details.fields).sort()).toEqual(['email', 'name', 'password', 'role']);
  });
});

describe('login and logout', () => {
  it('answers an unknown name and a wrong password identically', async () => {
    const { user } = await buildUser(t);
    const wrong = await post('/api/auth/login', { name: user.name, password: 'not the password' });
    const unknown = await post('/api/auth/login', { name: uniqueName('ghost'), password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    expect(wrong.json()).toEqual({ error: { code: 'unauthenticated', message: 'Wrong name or password.' } });
  });

  it('rotates the token at login and logout makes a replayed cookie useless', async () => {
    const ada = await buildUser(t);
    const login = await post('/api/auth/login', { name: ada.user.name.toUpperCase(), password: ada.password }, { cookie: ada.cookie });
    expect(login.statusCode).toBe(200);
    const fresh = `${login.cookies[0]?.name}=${login.cookies[0]?.value}`;
    expect(fresh).not.toBe(ada.cookie);
    // The session the browser had before logging in is gone.
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: ada.cookie } })).statusCode).toBe(401);

    const logout = await post('/api/auth/logout', undefined, { cookie: fresh });
    expect(logout.statusCode).toBe(204);
    const replay = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: fresh } });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('unauthenticated');
  });

  it('refuses logout without a session', async () => {
    expect((await post('/api/auth/logout', undefined)).statusCode).toBe(401);
  });
});
