import { randomBytes } from 'node:crypto';
import type { Role, User } from '@turnout/contracts';
import { ORIGIN } from '../harness/api';
import type { TestApp } from '../harness/build-test-app';

export interface TestUser {
  user: User;
  /** The `Cookie` header value that authenticates as this user. */
  cookie: string;
  password: string;
}

export const uniqueName = (prefix = 'user') => `${prefix}_${randomBytes(5).toString('hex')}`;

/** Registers a user through the API and returns their session cookie. */
export async function buildUser(t: TestApp, overrides: { role?: Role; name?: string; password?: string } = {}): Promise<TestUser> {
  const password = overrides.password ?? 'correct horse battery';
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/auth/register',
    headers: { origin: ORIGIN },
    payload: { name: overrides.name ?? uniqueName(overrides.role ?? 'joiner'), password, role: overrides.role ?? 'joiner' },
  });
  if (response.statusCode !== 201) throw new Error(`register failed: ${response.statusCode} ${response.body}`);
  const setCookie = response.cookies[0];
  if (!setCookie) throw new Error('register set no cookie');
  return { user: response.json().user, cookie: `${setCookie.name}=${setCookie.value}`, password };
}
