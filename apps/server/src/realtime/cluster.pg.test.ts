import type { Event, SessionListResponse } from '@turnout/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_CACHE_TTL_MS } from '../modules/auth';
import { type Account, api, type Cluster, createEvent, getEvent, list, register, startCluster } from '../test/harness/cluster-api';
import { Balancer, eventually } from '../test/harness/cluster-processes';
import { EventMirror, snapshotOf } from '../test/harness/event-mirror';
import { RecordingClient } from '../test/harness/socket-client';

/**
 * Two real server processes (`src/server.ts`) on one PostgreSQL database and a Redis server of the
 * test's own: what one process's clients see of writes made through the other, and what happens
 * to them when a process goes away.
 */
let cluster: Cluster;
let a: Cluster['a'];
let b: Cluster['b'];
const clients: RecordingClient[] = [];
const balancers: Balancer[] = [];

beforeAll(async () => {
  cluster = await startCluster();
  ({ a, b } = cluster);
}, 150_000);
afterAll(() => cluster?.close());
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await Promise.all(balancers.splice(0).map((balancer) => balancer.stop()));
});

async function connect(url: string, as: Account, options: { reconnection?: boolean } = {}): Promise<RecordingClient> {
  const client = new RecordingClient(url, { cookie: as.cookie, origin: url, transports: ['websocket'], ...options });
  clients.push(client);
  await client.connected();
  return client;
}

describe('two processes sharing broadcasts through Redis', () => {
  it('a client on A receives every kind of event caused through B; owner-only and personal ones reach only their user', async () => {
    const [organizer, joiner, waiter, bystander] = await Promise.all([
      register(b, 'organizer'),
      register(b, 'joiner'),
      register(b, 'joiner'),
      register(b, 'joiner'),
    ]);
    const [onA, joinerOnA, waiterOnA, bystanderOnA] = await Promise.all([
      connect(a.url, organizer),
      connect(a.url, joiner),
      connect(a.url, waiter),
      connect(a.url, bystander),
    ]);
    const everyone = [onA, joinerOnA, waiterOnA, bystanderOnA];

    const event = await createEvent(b, organizer, { capacity: 1 });
    for (const client of everyone) await client.next('event:created', (p) => p.event.id === event.id);

    await api(b, 'PUT', `/api/events/${event.id}/participation`, joiner);
    for (const client of everyone) await client.next('participation:changed', (p) => p.eventId === event.id && p.joinedCount === 1);
    await joinerOnA.next('participation:mine', (p) => p.eventId === event.id && p.status === 'joined');
    await onA.next('attendees:changed', (p) => p.eventId === event.id && p.joined.length === 1);

    await api(b, 'PUT', `/api/events/${event.id}/participation`, waiter);
    await waiterOnA.next('participation:mine', (p) => p.eventId === event.id && p.status === 'waitlisted' && p.position === 1);
    await onA.next('attendees:changed', (p) => p.eventId === event.id && p.waitlisted.length === 1);

    const { version } = await getEvent(b, organizer, event.id);
    await api(b, 'PATCH', `/api/events/${event.id}`, organizer, { location: 'Hall B', version });
    for (const client of everyone) await client.next('event:updated', (p) => p.event.id === event.id && p.event.location === 'Hall B');
    for (const client of [joinerOnA, waiterOnA]) {
      await client.next('notification', (p) => p.notification.eventId === event.id && p.notification.type === 'event_changed');
    }

    await api(b, 'DELETE', `/api/events/${event.id}/participation`, joiner);
    await joinerOnA.next('participation:mine', (p) => p.eventId === event.id && p.status === 'removed');
    await waiterOnA.next('participation:mine', (p) => p.eventId === event.id && p.status === 'promoted');
    await waiterOnA.next('notification', (p) => p.notification.eventId === event.id && p.notification.type === 'promoted');
    await onA.next('attendees:changed', (p) => p.eventId === event.id && p.joined[0]?.userId === waiter.user.id);

    await api(b, 'DELETE', `/api/events/${event.id}`, organizer);
    for (const client of everyone) await client.next('event:deleted', (p) => p.eventId === event.id);
    // A cancellation outlives its event: its notification no longer points to it.
    // The joiner who left is told as well.
    for (const client of [waiterOnA, joinerOnA]) await client.next('notification', (p) => p.notification.type === 'event_cancelled');

    // Everything sent before the deletion has arrived: nobody got what was meant for someone else.
    for (const client of [joinerOnA, waiterOnA, bystanderOnA]) expect(client.seen('attendees:changed')).toEqual([]);
    expect(bystanderOnA.seen('participation:mine')).toEqual([]);
    expect(bystanderOnA.seen('notification')).toEqual([]);
    expect(joinerOnA.seen('notification').map((p) => p.notification.type)).toEqual(['event_changed', 'event_cancelled']);
    expect(onA.seen('notification')).toEqual([]);
  }, 60_000);

  it('logout through B disconnects that session’s sockets on A and on B', async () => {
    const user = await register(b, 'joiner');
    const [onA, onB] = await Promise.all([connect(a.url, user), connect(b.url, user)]);
    const closed = Promise.all([onA.disconnected(), onB.disconnected()]);
    await api(b, 'POST', '/api/auth/logout', user);
    expect(await closed).toEqual(['io server disconnect', 'io server disconnect']);
  });

  it('revoking a session through B disconnects its sockets on A, and A stops serving it at once', async () => {
    const user = await register(b, 'joiner');
    const login = await api<unknown>(b, 'POST', '/api/auth/login', undefined, { name: user.user.name, password: 'correct horse battery' });
    const other = { user: user.user, cookie: login.headers.getSetCookie()[0]?.split(';')[0] ?? '' };
    const { body } = await api<SessionListResponse>(b, 'GET', '/api/auth/sessions', other);
    const target = body.sessions.find((session) => !session.current);
    if (!target) throw new Error('the first session is not listed');
    const onA = await connect(a.url, user);
    // A has just resolved the session, so its cache holds it for SESSION_CACHE_TTL_MS.
    await api(a, 'GET', '/api/auth/me', user);
    const cachedAt = Date.now();
    const closed = onA.disconnected();
    await api(b, 'DELETE', `/api/auth/sessions/${target.id}`, other);
    expect(await closed).toBe('io server disconnect');
    expect((await api(a, 'GET', '/api/auth/me', user, undefined, [401])).status).toBe(401);
    // Within the cache's lifetime: only the cross-process message can have ended it on A.
    expect(Date.now() - cachedAt).toBeLessThan(SESSION_CACHE_TTL_MS);
    expect((await api(a, 'GET', '/api/auth/me', other)).status).toBe(200);
  });

  it('presence counts the viewers of an event on both processes', async () => {
    const organizer = await register(b, 'organizer');
    const event = await createEvent(b, organizer);
    const [x, y] = await Promise.all([register(a, 'joiner'), register(b, 'joiner')]);
    const [onA, onB] = await Promise.all([connect(a.url, x), connect(b.url, y)]);
    onA.socket.emit('presence:watch', { eventId: event.id });
    await onA.next('presence:changed', (p) => p.eventId === event.id && p.viewers === 1);
    onB.socket.emit('presence:watch', { eventId: event.id });
    await onB.next('presence:changed', (p) => p.eventId === event.id && p.viewers === 2, 2_000);
    await onA.next('presence:changed', (p) => p.eventId === event.id && p.viewers === 2, 2_000);
    const since = onA.count;
    onB.close();
    await onA.next('presence:changed', (p) => p.eventId === event.id && p.viewers === 1, 2_000, since);
  });
});

describe('a process going away', () => {
  /**
   * Clients behind a load balancer in front of A then B are on A. A goes away; while they are
   * disconnected, writes go through B; they reconnect to B, and then hold what a fresh load shows.
   */
  async function scenario(stopA: () => Promise<void>) {
    const balancer = new Balancer([a.port, b.port]);
    balancers.push(balancer);
    const url = await balancer.start();
    const [organizer, first, second] = await Promise.all([register(b, 'organizer'), register(b, 'joiner'), register(b, 'joiner')]);
    const seated = await createEvent(b, organizer, { capacity: 1 });
    const accounts = [organizer, first, second];
    const screens = await Promise.all(
      accounts.map(async (account) => {
        const client = await connect(url, account, { reconnection: true });
        const mirror = new EventMirror(client);
        mirror.resync(await list(b, account));
        return { account, client, mirror };
      }),
    );
    // One broadcast each before the outage: recovery resumes from the last one a client received.
    const warmUp = await createEvent(b, organizer);
    for (const { client } of screens) await client.next('event:created', (p) => p.event.id === warmUp.id);

    balancer.paused = true;
    const gone = Promise.all(screens.map(({ client }) => client.disconnected(15_000)));
    await stopA();
    await gone;

    // Missed while disconnected.
    await api(b, 'PUT', `/api/events/${seated.id}/participation`, first);
    await api(b, 'PUT', `/api/events/${seated.id}/participation`, second);
    const { version } = await getEvent(b, organizer, seated.id);
    const renamed = (await api<{ event: Event }>(b, 'PATCH', `/api/events/${seated.id}`, organizer, { title: 'Renamed', version })).body
      .event;
    const created = await createEvent(b, organizer, { title: 'Created while away' });
    await api(b, 'DELETE', `/api/events/${warmUp.id}`, organizer);

    const back = Promise.all(screens.map(({ client }) => eventually('reconnected', async () => client.socket.connected)));
    balancer.paused = false;
    await back;
    const recovered = [];
    for (const { account, client, mirror } of screens) {
      recovered.push(client.socket.recovered);
      if (!client.socket.recovered) mirror.resync(await list(b, account));
    }

    // Live again, through B.
    await api(b, 'DELETE', `/api/events/${seated.id}/participation`, first);
    const final = await getEvent(b, organizer, seated.id);
    for (const { client } of screens) {
      await client.next('participation:changed', (p) => p.eventId === seated.id && p.version === final.version);
    }
    await screens[2]?.client.next('participation:mine', (p) => p.eventId === seated.id && p.status === 'promoted');

    for (const { account, mirror } of screens) expect(mirror.snapshot()).toEqual(snapshotOf(await list(b, account)));
    expect(renamed.title).toBe('Renamed');
    expect(screens[0]?.mirror.snapshot().map((e) => e.id)).toContain(created.id);
    return recovered;
  }

  it('after kill -9, its clients reconnect to the other process and, having refetched, match a fresh load', async () => {
    const recovered = await scenario(() => a.stop('SIGKILL'));
    // A killed process saved nothing to resume from: the clients had to refetch.
    expect(recovered).toEqual([false, false, false]);
    await a.start();
  }, 120_000);

  it('after a graceful stop, its clients resume on the other process with every broadcast they missed', async () => {
    const recovered = await scenario(() => a.stop('SIGTERM'));
    expect(recovered).toEqual([true, true, true]);
    await a.start();
  }, 120_000);
});
