import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, endEvent } from '../test/builders/events';
import { buildUser, type TestUser } from '../test/builders/users';
import { ORIGIN } from '../test/harness/api';
import { buildTestApp, type TestApp } from '../test/harness/build-test-app';
import { bodyFor, fieldValue, type JsonSchema, type KnownValues, pathParam } from '../test/harness/hostile';

// Every route of the OpenAPI document (the route table the validators come from), fed thousands of
// generated requests over real HTTP: never a 5xx, the server alive after, and no row changed by a
// request that was refused.

type Operation = {
  method: string;
  path: string;
  params: { name: string; in: 'path' | 'query'; schema: JsonSchema }[];
  body: JsonSchema | undefined;
};

const RUNS = 1_200;

let t: TestApp;
let base: string;
let actors: (TestUser | null)[];
let known: KnownValues;
let operations: Operation[];

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const organizer = await buildUser(t, { role: 'organizer' });
  const joiner = await buildUser(t);
  actors = [null, joiner, organizer, await buildUser(t, { role: 'organizer' })];
  const events = [await buildEvent(t, organizer, { capacity: 1 }), await buildEvent(t, organizer), await buildEvent(t, organizer)];
  await endEvent(t, (events[2] as (typeof events)[number]).id);
  known = { eventIds: events.map((e) => e.id), names: [joiner.user.name, organizer.user.name] };

  const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<
      string,
      Record<string, { parameters?: Operation['params']; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>
    >;
  };
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      params: op.parameters ?? [],
      body: op.requestBody?.content?.['application/json']?.schema,
    })),
  );
});
afterAll(() => t.close());

/** A fresh session for the user, as logging in again gives. */
async function logIn(user: TestUser): Promise<TestUser> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: ORIGIN },
    payload: { name: user.user.name, password: user.password },
  });
  const cookie = response.cookies[0];
  if (response.statusCode !== 200 || !cookie) throw new Error(`login failed: ${response.statusCode}`);
  return { ...user, cookie: `${cookie.name}=${cookie.value}` };
}

/** Percent-encodes the UTF-8 of any string, lone surrogates included (as U+FFFD, which is what travels). */
const encode = (value: string) => [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

const asQueryValue = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
    : [typeof value === 'string' ? value : JSON.stringify(value)];

/** Everything the database holds that a request could change (a session's last use aside). */
async function digest(): Promise<string> {
  const tables = ['users', 'events', 'participations', 'event_departures', 'notifications'];
  const parts = await Promise.all([
    ...tables.map((table) =>
      t.db.database.db.execute(sql.raw(`select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as d from ${table} x`)),
    ),
    t.db.database.db.execute(
      sql.raw(`select md5(coalesce(string_agg(token_hash || user_id || expires_at, '|' order by token_hash), '')) as d from sessions`),
    ),
  ]);
  return parts.map((result) => String((result as unknown as { rows: { d: string }[] }).rows[0]?.d)).join(',');
}

const request = fc.integer({ min: 0, max: 1_000 }).chain((pick) => {
  const operation = operations[pick % operations.length] as Operation;
  const pathParams = operation.params.filter((p) => p.in === 'path');
  const queryParams = operation.params.filter((p) => p.in === 'query');
  return fc.record({
    operation: fc.constant(operation),
    actor: fc.nat(actors.length - 1),
    path: fc.tuple(...pathParams.map(() => pathParam(known))),
    query: fc.record(Object.fromEntries(queryParams.map((p) => [p.name, fieldValue(p.schema, known)])), { requiredKeys: [] }),
    body: operation.body ? bodyFor(operation.body, known) : fc.constant(undefined),
  });
});

describe('generated requests to every route', () => {
  it(`never answer 5xx, and change nothing when refused (${RUNS} requests)`, { timeout: 600_000 }, async () => {
    expect(operations.length).toBeGreaterThan(15);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async ({ operation, actor, path, query, body }) => {
        let i = 0;
        const url = new URL(`${base}${operation.path.replace(/\{[^}]+\}/g, () => encode(path[i++] as string))}`);
        for (const [name, value] of Object.entries(query)) for (const v of asQueryValue(value)) url.searchParams.append(name, v);
        const as = actors[actor];
        const before = await digest();
        const response = await fetch(url, {
          // A request that never answers is a failure too (a denial of service), not a hung test.
          signal: AbortSignal.timeout(15_000),
          method: operation.method,
          headers: {
            origin: ORIGIN,
            ...(as ? { cookie: as.cookie } : {}),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await response.text();
        // A logged-out actor logs in again, so later requests still come with a session.
        if (as && operation.path === '/api/auth/logout' && response.status === 204) actors[actor] = await logIn(as);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(
          response.status,
          `${operation.method} ${url.pathname}${url.search} ${JSON.stringify(body)?.slice(0, 300)} → ${text.slice(0, 300)}`,
        ).toBeLessThan(500);
        if (response.status >= 400) {
          expect(JSON.parse(text)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
          expect(await digest(), `${operation.method} ${url.pathname} answered ${response.status} but changed rows`).toBe(before);
        }
      }),
      // Each case is a real request: report the first failure as found, without minutes of shrinking.
      { numRuns: RUNS, endOnFailure: true },
    );
    // The mix reached the handlers, not only the validators.
    expect([...statuses.keys()].filter((s) => s < 300).length).toBeGreaterThan(0);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(RUNS / 10);
    console.info(`route fuzz answers by status: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);

    // Still serving: a newcomer registers, creates an event and lists it (the actors may have logged out).
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const newcomer = await buildUser(t, { role: 'organizer' });
    const created = await buildEvent(t, newcomer, { title: 'After the fuzz' });
    const listed = await fetch(`${base}/api/events?mine=1`, { headers: { cookie: newcomer.cookie } });
    const page = (await listed.json()) as { items: { id: string }[] };
    expect(page.items.map((e) => e.id)).toEqual([created.id]);
  });
});

describe('requests the HTTP parser refuses', () => {
  it('answers a URL past the header size limit with 431 in the error shape, and goes on serving', async () => {
    const response = await fetch(`${base}/api/events?q=${'x'.repeat(20_000)}`, { headers: { cookie: (actors[2] as TestUser).cookie } });
    expect(response.status).toBe(431);
    expect(await response.json()).toEqual({ error: { code: 'bad_request', message: 'The request line or headers are too large.' } });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
