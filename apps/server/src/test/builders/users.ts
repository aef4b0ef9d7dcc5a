import { randomBytes } from 'node:crypto';
import type { RegisterBody, Role, User } from '@turnout/contracts';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { ORIGIN } from '../harness/api';
import type { TestApp } from '../harness/build-test-app';

export interface TestUser {
  user: User;
  /** The address registered with (unverified until its link is followed). */
  email: string;
  /** The `Cookie` header value that authenticates as this user. */
  cookie: string;
  password: string;
}

export const uniqueName = (prefix = 'user') => `${prefix}_${randomBytes(5).toString('hex')}`;

/** An address of its own for each test user (`.test` is reserved: no mail can leave for it). */
export const emailFor = (name: string) => `${name.toLowerCase().replace(/[^a-z0-9]/g, '_')}.${randomBytes(3).toString('hex')}@turnout.test`;

/** A register body of its own: a fresh name, its own address, a password the policy accepts. */
export const registration = (prefix = 'user', overrides: Partial<RegisterBody> = {}): RegisterBody => {
  const name = overrides.name ?? uniqueName(prefix);
  return { name, email: emailFor(name), password: 'correct horse battery', role: 'joiner', ...overrides };
};

/** Registers a user through the API and returns their session cookie. */
export async function buildUser(
  t: TestApp,
  overrides: { role?: Role; name?: string; password?: string; email?: string } = {},
): Promise<TestUser> {
  const password = overrides.password ?? 'correct horse battery';
  const name = overrides.name ?? uniqueName(overrides.role ?? 'joiner');
  const email = overrides.email ?? emailFor(name);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/auth/register',
    headers: { origin: ORIGIN },
    payload: { name, email, password, role: overrides.role ?? 'joiner' },
  });
  if (response.statusCode !== 201) throw new Error(`register failed: ${response.statusCode} ${response.body}`);
  const setCookie = response.cookies[0];
  if (!setCookie) throw new Error('register set no cookie');
  return { user: response.json().user, email, cookie: `${setCookie.name}=${setCookie.value}`, password };
}

/** Marks the user's address confirmed, as its link would: only confirmed addresses get mail about events. */
export async function confirmEmail(t: TestApp, user: { user: { id: string } } | { id: string }): Promise<void> {
  const id = 'user' in user ? user.user.id : user.id;
  await t.db.database.db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, id));
}

/** A registered user whose address is confirmed: one who gets mail about events. */
export async function buildConfirmedUser(t: TestApp, overrides: { role?: Role } = {}): Promise<TestUser> {
  const user = await buildUser(t, overrides);
  await confirmEmail(t, user);
  return user;
}
