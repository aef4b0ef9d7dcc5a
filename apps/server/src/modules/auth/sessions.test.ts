import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../../test/builders/users';
import { call, ORIGIN } from '../../test/harness/api';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';
import { USER_AGENT_MAX } from './session-tokens';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/** Logs in with `userAgent`, answering the session's cookie. */
async function loginWith(name: string, password: string, userAgent: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: ORIGIN, 'user-agent': userAgent },
    payload: { name, password },
  });
  expect(response.statusCode).toBe(200);
  const cookie = response.cookies.find((c) => c.name === 'turnout_session');
  if (!cookie) throw new Error('login set no cookie');
  return { cookie: `${cookie.name}=${cookie.value}` };
}

const sessionsOf = async (as: { cookie: string }) => {
  const response = await call(t, 'GET', '/api/auth/sessions', { as });
  expect(response.statusCode).toBe(200);
  return response.json().sessions as { id: string; createdAt: string; lastSeenAt: string; userAgent: string | null; current: boolean }[];
};

describe('the session list', () => {
  it("lists the viewer's sessions with their user agents, marks the current one, and shows nobody else's", async () => {
    const user = await buildUser(t);
    const phone = await loginWith(user.user.name, user.password, 'Phone/1.0');
    const laptop = await loginWith(user.user.name, user.password, 'Laptop/2.0');
    await buildUser(t);

    const listed = await sessionsOf(laptop);
    expect(listed).toHaveLength(3);
    expect(listed.filter((s) => s.current)).toEqual([expect.objectContaining({ userAgent: 'Laptop/2.0' })]);
    expect(listed.map((s) => s.userAgent)).toEqual(expect.arrayContaining(['Laptop/2.0', 'Phone/1.0']));
    // Newest last-seen first: the laptop's, just made, leads.
    const seen = listed.map((s) => Date.parse(s.lastSeenAt));
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    // The list never carries a token or its hash.
    expect(JSON.stringify(listed)).not.toMatch(/[0-9a-f]{64}/);
    expect((await sessionsOf(phone)).find((s) => s.current)?.userAgent).toBe('Phone/1.0');
  });

  it('keeps a user agent without control characters and cut to its limit', async () => {
    const user = await buildUser(t);
    const session = await loginWith(user.user.name, user.password, `Odd\tAgent\u0007${'x'.repeat(600)}`);
    const current = (await sessionsOf(session)).find((s) => s.current);
    expect(current?.userAgent).toMatch(/^OddAgentx+$/);
    expect(current?.userAgent).toHaveLength(USER_AGENT_MAX);
  });

  it('answers 401 to an anonymous request', async () => {
    expect((await call(t, 'GET', '/api/auth/sessions')).statusCode).toBe(401);
  });
});

describe('revoking a session', () => {
  it("ends one of the viewer's other sessions: it is a stranger from then on, the revoking one stays", async () => {
    const user = await buildUser(t);
    const other = await loginWith(user.user.name, user.password, 'Other/1.0');
    const target = (await sessionsOf(user)).find((s) => s.userAgent === 'Other/1.0');
    if (!target) throw new Error('no such session');
    const revoked = await call(t, 'DELETE', `/api/auth/sessions/${target.id}`, { as: user });
    expect(revoked.statusCode).toBe(204);
    expect(revoked.cookies).toEqual([]);
    expect((await call(t, 'GET', '/api/auth/me', { as: other })).statusCode).toBe(401);
    expect((await call(t, 'GET', '/api/auth/me', { as: user })).statusCode).toBe(200);
    expect((await call(t, 'DELETE', `/api/auth/sessions/${target.id}`, { as: user })).statusCode).toBe(404);
  });

  it('of the current session logs out: the cookie is cleared', async () => {
    const user = await buildUser(t);
    const [current] = await sessionsOf(user);
    const revoked = await call(t, 'DELETE', `/api/auth/sessions/${current?.id}`, { as: user });
    expect(revoked.statusCode).toBe(204);
    expect(revoked.cookies.find((c) => c.name === 'turnout_session')).toMatchObject({ value: '' });
    expect((await call(t, 'GET', '/api/auth/me', { as: user })).statusCode).toBe(401);
  });

  it("answers 404 for someone else's session or an unknown id, and 400 for a malformed one, ending nothing", async () => {
    const owner = await buildUser(t);
    const intruder = await buildUser(t);
    const [session] = await sessionsOf(owner);
    const theirs = await call(t, 'DELETE', `/api/auth/sessions/${session?.id}`, { as: intruder });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().error.code).toBe('not_found');
    expect((await call(t, 'DELETE', `/api/auth/sessions/${crypto.randomUUID()}`, { as: intruder })).statusCode).toBe(404);
    expect((await call(t, 'DELETE', '/api/auth/sessions/not-a-uuid', { as: intruder })).statusCode).toBe(400);
    expect((await call(t, 'GET', '/api/auth/me', { as: owner })).statusCode).toBe(200);
  });
});
