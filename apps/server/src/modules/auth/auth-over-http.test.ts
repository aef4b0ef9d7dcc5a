import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration, uniqueName } from '../../test/builders/users';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';

// Over a real socket with Node's fetch, keeping cookies the way a browser does.
let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

/** A minimal cookie jar: stores Set-Cookie values, drops cleared or expired ones, sends the rest back. */
class CookieJar {
  readonly cookies = new Map<string, { value: string; attributes: string[] }>();

  store(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      const expires = attributes.find((a) => /^expires=/i.test(a));
      const maxAge = attributes.find((a) => /^max-age=/i.test(a));
      const gone = (maxAge && Number(maxAge.split('=')[1]) <= 0) || (expires && Date.parse(expires.slice(8)) <= Date.now());
      if (gone || value === '') this.cookies.delete(name);
      else this.cookies.set(name, { value, attributes });
    }
  }

  header() {
    return [...this.cookies].map(([name, { value }]) => `${name}=${value}`).join('; ');
  }
}

async function call(jar: CookieJar, method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      origin: base,
      ...(jar.cookies.size > 0 ? { cookie: jar.header() } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  jar.store(response);
  return response;
}

describe('a browser-like client over HTTP', () => {
  it('registers, is recognised, logs out, and is then a stranger', async () => {
    const jar = new CookieJar();
    const name = uniqueName('socket');
    const registered = await call(jar, 'POST', '/api/auth/register', registration('http', { name, role: 'organizer' }));
    expect(registered.status).toBe(201);
    const session = jar.cookies.get('turnout_session');
    expect(session?.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/']));
    const stolen = jar.header();

    const me = await call(jar, 'GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { name: string } }).user.name).toBe(name);

    expect((await call(jar, 'POST', '/api/auth/logout')).status).toBe(204);
    expect(jar.cookies.size).toBe(0);
    expect((await call(jar, 'GET', '/api/auth/me')).status).toBe(401);

    // The cookie's old value, replayed by someone who copied it, is dead too.
    const replay = await fetch(`${base}/api/auth/me`, { headers: { cookie: stolen } });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('sends the security headers on API responses', async () => {
    const response = await fetch(`${base}/api/auth/me`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
