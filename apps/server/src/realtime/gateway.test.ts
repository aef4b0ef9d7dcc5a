import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../db/schema';
import { buildUser, type TestUser } from '../test/builders/users';
import { ORIGIN } from '../test/harness/api';
import { buildTestApp, type TestApp } from '../test/harness/build-test-app';
import { RecordingClient } from '../test/harness/socket-client';
import { type RealtimeMessage, toEveryone, toUser } from './publisher';

let t: TestApp;
let baseUrl: string;
const clients: RecordingClient[] = [];

async function listen(app: TestApp['app']): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  t = await buildTestApp();
  baseUrl = await listen(t.app);
});
afterAll(() => t.close());
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

function client(options: ConstructorParameters<typeof RecordingClient>[1] = {}, url = baseUrl): RecordingClient {
  const created = new RecordingClient(url, { origin: ORIGIN, ...options });
  clients.push(created);
  return created;
}

async function connectedAs(user: TestUser, options: ConstructorParameters<typeof RecordingClient>[1] = {}) {
  const socket = client({ cookie: user.cookie, ...options });
  await socket.connected();
  return socket;
}

const commit = (...messages: RealtimeMessage[]) =>
  t.app.turnout.runInTransaction(async (_tx, outbox) => {
    outbox.add(...messages);
  });

/** A message nobody else sends: what a test awaits to know everything before it has arrived. */
const marker = () => toEveryone('event:deleted', { eventId: randomUUID() });
const markerId = (message: RealtimeMessage) => (message.payload as { eventId: string }).eventId;

/** Resolves when the server has seen this client's socket (or its whole connection) go. */
function serverSideDisconnect(app: TestApp, socket: RecordingClient, what: 'socket' | 'connection' = 'socket'): Promise<void> {
  const serverSide = app.app.realtime.io.of('/').sockets.get(socket.socket.id ?? '');
  if (!serverSide) throw new Error('no such socket on the server');
  return new Promise((resolve) => {
    if (what === 'socket') serverSide.once('disconnect', () => resolve());
    else serverSide.conn.once('close', () => resolve());
  });
}

async function logInAgain(user: TestUser): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: ORIGIN },
    payload: { name: user.user.name, password: user.password },
  });
  const cookie = response.cookies[0];
  if (response.statusCode !== 200 || !cookie) throw new Error(`login failed: ${response.statusCode}`);
  return `${cookie.name}=${cookie.value}`;
}

describe.each([['polling' as const], ['websocket' as const]])('handshake over %s', (transport) => {
  it('refuses a connection without a session cookie', async () => {
    await expect(client({ transports: [transport] }).connected()).rejects.toThrow();
  });

  it('refuses a connection with an unknown session cookie', async () => {
    await expect(client({ transports: [transport], cookie: `turnout_session=${'a'.repeat(43)}` }).connected()).rejects.toThrow();
  });

  it('refuses a connection from another origin, even with a valid session', async () => {
    const user = await buildUser(t);
    await expect(client({ transports: [transport], cookie: user.cookie, origin: 'https://evil.example' }).connected()).rejects.toThrow();
    // The same session from the app's own origin is accepted.
    await expect(client({ transports: [transport], cookie: user.cookie }).connected()).resolves.toBeUndefined();
  });
});

describe('broadcasts after commit', () => {
  it('delivers a committed message for everyone to every logged-in socket', async () => {
    const [ada, bob] = await Promise.all([buildUser(t), buildUser(t)]);
    const [a, b] = await Promise.all([connectedAs(ada), connectedAs(bob, { transports: ['websocket'] })]);
    const message = marker();
    await commit(message);
    for (const socket of [a, b]) {
      await expect(socket.next('event:deleted', (p) => p.eventId === markerId(message))).resolves.toEqual({ eventId: markerId(message) });
    }
  });

  it('delivers a user-addressed message to that user only, on each of their sockets', async () => {
    const [ada, bob] = await Promise.all([buildUser(t), buildUser(t)]);
    const secondAdaCookie = await logInAgain(ada);
    const [a1, a2, b] = await Promise.all([connectedAs(ada), connectedAs({ ...ada, cookie: secondAdaCookie }), connectedAs(bob)]);
    const eventId = randomUUID();
    const after = marker();
    await commit(toUser(ada.user.id, 'participation:mine', { eventId, status: 'joined' }), after);
    for (const socket of [a1, a2]) await socket.next('participation:mine', (p) => p.eventId === eventId);
    // Bob's socket gets the message sent after it, so anything for him would have arrived before.
    await b.next('event:deleted', (p) => p.eventId === markerId(after));
    expect(b.seen('participation:mine')).toEqual([]);
  });

  it('sends nothing for a transaction that rolls back', async () => {
    const user = await buildUser(t);
    const socket = await connectedAs(user);
    const rolledBack = marker();
    await expect(
      t.app.turnout.runInTransaction(async (_tx, outbox) => {
        outbox.add(rolledBack);
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    const after = marker();
    await commit(after);
    await socket.next('event:deleted', (p) => p.eventId === markerId(after));
    expect(socket.seen('event:deleted').map((p) => p.eventId)).not.toContain(markerId(rolledBack));
  });

  it('sends only the fields of the contract, and refuses a payload that breaks it', async () => {
    const user = await buildUser(t);
    const socket = await connectedAs(user);
    const eventId = randomUUID();
    await commit(toEveryone('event:deleted', { eventId, passwordHash: 'never on the wire' } as { eventId: string }));
    await expect(socket.next('event:deleted', (p) => p.eventId === eventId)).resolves.toEqual({ eventId });
    await expect(commit(toEveryone('event:deleted', { eventId: 'not-a-uuid' }))).rejects.toThrow(/does not match its contract/);
  });
});

describe('session end', () => {
  it('logout disconnects the sockets of that session, not those of the same user’s other session', async () => {
    const user = await buildUser(t);
    const otherSession = await logInAgain(user);
    const [mine, mineToo, other] = await Promise.all([
      connectedAs(user),
      connectedAs(user, { transports: ['websocket'] }),
      connectedAs({ ...user, cookie: otherSession }),
    ]);
    const closed = Promise.all([mine.disconnected(), mineToo.disconnected()]);
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { origin: ORIGIN, cookie: user.cookie } });
    expect(response.statusCode).toBe(204);
    expect(await closed).toEqual(['io server disconnect', 'io server disconnect']);
    const after = marker();
    await commit(after);
    await other.next('event:deleted', (p) => p.eventId === markerId(after));
    expect(other.socket.connected).toBe(true);
    // The ended session cannot open a new socket.
    await expect(client({ cookie: user.cookie }).connected()).rejects.toThrow();
  });

  it('the sweep disconnects sockets whose session expired or was deleted', async () => {
    const [expiring, deleted, kept] = await Promise.all([buildUser(t), buildUser(t), buildUser(t)]);
    const sockets = await Promise.all([connectedAs(expiring), connectedAs(deleted), connectedAs(kept)]);
    const [expiringSocket, deletedSocket, keptSocket] = sockets as [RecordingClient, RecordingClient, RecordingClient];
    const db = t.db.database.db;
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(sessions.userId, expiring.user.id));
    await db.delete(sessions).where(eq(sessions.userId, deleted.user.id));
    const closed = Promise.all([expiringSocket.disconnected(), deletedSocket.disconnected()]);
    await t.app.realtime.sweepSessions();
    expect(await closed).toEqual(['io server disconnect', 'io server disconnect']);
    expect(keptSocket.socket.connected).toBe(true);
  });
});

describe('client messages', () => {
  it.each([
    ['an unknown event', ['admin:promote', { userId: randomUUID() }]],
    ['a known event with a bad payload', ['presence:watch', { eventId: 'x' }]],
    ['a known event with an acknowledgement', ['presence:watch', { eventId: randomUUID() }, () => {}]],
  ])('disconnects a socket that sends %s', async (_what, packet) => {
    const socket = await connectedAs(await buildUser(t));
    const closed = socket.disconnected();
    (socket.socket.emit as (...args: unknown[]) => unknown)(...packet);
    expect(await closed).toBe('io server disconnect');
  });

  it('disconnects a socket that sends a message larger than the limit', async () => {
    const socket = await connectedAs(await buildUser(t), { transports: ['websocket'] });
    const closed = socket.disconnected();
    socket.socket.emit('presence:watch', { eventId: randomUUID(), padding: 'x'.repeat(8_000) } as { eventId: string });
    expect(await closed).toBe('transport close');
  });
});

describe('presence', () => {
  it('counts the distinct sockets watching an event and tells them when it changes', async () => {
    const eventId = randomUUID();
    const [a, b] = await Promise.all([connectedAs(await buildUser(t)), connectedAs(await buildUser(t))]);
    a.socket.emit('presence:watch', { eventId });
    a.socket.emit('presence:watch', { eventId });
    await a.next('presence:changed', (p) => p.eventId === eventId && p.viewers === 1);
    b.socket.emit('presence:watch', { eventId });
    await b.next('presence:changed', (p) => p.eventId === eventId && p.viewers === 2);
    await a.next('presence:changed', (p) => p.eventId === eventId && p.viewers === 2);
    const since = a.count;
    b.close();
    await a.next('presence:changed', (p) => p.eventId === eventId && p.viewers === 1, 2_000, since);
  });
});

describe('reconnection', () => {
  it('a socket that drops and returns within the window resumes its rooms and gets what it missed', async () => {
    const user = await buildUser(t);
    const socket = await connectedAs(user, { reconnection: true, transports: ['websocket'] });
    // Recovery resumes from the last broadcast a client received.
    const before = marker();
    await commit(before);
    await socket.next('event:deleted', (p) => p.eventId === markerId(before));
    const serverClosed = serverSideDisconnect(t, socket);
    socket.socket.io.engine.close();
    await serverClosed;
    const missedEventId = randomUUID();
    await commit(toUser(user.user.id, 'participation:mine', { eventId: missedEventId, status: 'waitlisted', position: 1 }));
    await socket.next('participation:mine', (p) => p.eventId === missedEventId, 5_000);
    expect(socket.socket.recovered).toBe(true);
  });
});

describe('metrics', () => {
  it('exports the number of connected sockets', async () => {
    await connectedAs(await buildUser(t));
    const metrics = await t.app.metrics.registry.metrics();
    const line = metrics.split('\n').find((l) => l.startsWith('turnout_sockets_connected '));
    expect(Number(line?.split(' ')[1])).toBeGreaterThanOrEqual(1);
  });
});

describe('per-address limit', () => {
  let limited: TestApp;
  let limitedUrl: string;
  beforeAll(async () => {
    limited = await buildTestApp({ env: { SOCKET_MAX_PER_ADDRESS: '2' } });
    limitedUrl = await listen(limited.app);
  });
  afterAll(() => limited.close());

  it('refuses connections past SOCKET_MAX_PER_ADDRESS from one address, and admits one again once a connection closes', async () => {
    const user = await buildUser(limited);
    const first = client({ cookie: user.cookie }, limitedUrl);
    await first.connected();
    await client({ cookie: user.cookie }, limitedUrl).connected();
    await expect(client({ cookie: user.cookie }, limitedUrl).connected()).rejects.toThrow();
    const released = serverSideDisconnect(limited, first, 'connection');
    first.close();
    await released;
    await expect(client({ cookie: user.cookie }, limitedUrl).connected()).resolves.toBeUndefined();
  });
});

/** Handshakes the app refused for `reason`, from its metrics. */
async function refusals(app: TestApp, reason: string): Promise<number> {
  const text = await app.app.metrics.registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`turnout_socket_handshakes_refused_total{reason="${reason}"}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('handshakes racing the per-address limit', () => {
  let limited: TestApp;
  let limitedUrl: string;
  beforeAll(async () => {
    limited = await buildTestApp({ env: { SOCKET_MAX_PER_ADDRESS: '3' } });
    limitedUrl = await listen(limited.app);
  });
  afterAll(() => limited.close());

  it('admits exactly the limit when many connect at the same moment', async () => {
    const user = await buildUser(limited);
    const racing = Array.from({ length: 12 }, () => client({ cookie: user.cookie }, limitedUrl));
    const outcomes = await Promise.allSettled(racing.map((c) => c.connected()));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    expect(await refusals(limited, 'too_many_connections')).toBe(9);
  });

  it('gives the place of a refused handshake back at once', async () => {
    // Three unauthenticated attempts, then three good ones: the refusals held no place.
    for (let i = 0; i < 3; i++) await expect(client({ cookie: 'turnout_session=nobody' }, limitedUrl).connected()).rejects.toThrow();
    const user = await buildUser(limited);
    for (const c of clients.splice(0)) c.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const good = Array.from({ length: 3 }, () => client({ cookie: user.cookie }, limitedUrl));
    await Promise.all(good.map((c) => c.connected()));
  });
});

describe('handshakes per address per minute', () => {
  let limited: TestApp;
  let limitedUrl: string;
  beforeAll(async () => {
    limited = await buildTestApp({ env: { SOCKET_HANDSHAKES_PER_MINUTE: '4', TRUST_PROXY: '1' } });
    limitedUrl = await listen(limited.app);
  });
  afterAll(() => limited.close());

  it('refuses a flood from one address, and counts the address the TRUST_PROXY rule reads', async () => {
    const user = await buildUser(limited);
    const flooder = { 'x-forwarded-for': `192.0.2.${Math.floor(Math.random() * 250) + 1}` };
    for (let i = 0; i < 4; i++) {
      const c = client({ cookie: user.cookie, headers: flooder }, limitedUrl);
      await c.connected();
      c.close();
    }
    await expect(client({ cookie: user.cookie, headers: flooder }, limitedUrl).connected()).rejects.toThrow();
    expect(await refusals(limited, 'too_many_handshakes')).toBe(1);
    // Another client behind the same proxy hop is someone else.
    await client({ cookie: user.cookie, headers: { 'x-forwarded-for': '198.51.100.7' } }, limitedUrl).connected();
  });
});
