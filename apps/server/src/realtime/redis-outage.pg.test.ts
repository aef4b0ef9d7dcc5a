import type { Event } from '@turnout/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Account, api, type Cluster, createEvent, list, register, startCluster } from '../test/harness/cluster-api';
import { eventually } from '../test/harness/cluster-processes';
import { EventMirror, snapshotOf } from '../test/harness/event-mirror';
import { RecordingClient } from '../test/harness/socket-client';

/**
 * Two real server processes on one PostgreSQL database, and the Redis server between them
 * stopped under traffic, then started again on the same port.
 */
let cluster: Cluster;
let a: Cluster['a'];
let b: Cluster['b'];
const clients: RecordingClient[] = [];

beforeAll(async () => {
  cluster = await startCluster();
  ({ a, b } = cluster);
}, 150_000);
afterAll(() => cluster?.close());
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

async function connect(url: string, as: Account, options: { reconnection?: boolean } = {}): Promise<RecordingClient> {
  const client = new RecordingClient(url, { cookie: as.cookie, origin: url, transports: ['websocket'], ...options });
  clients.push(client);
  await client.connected();
  return client;
}

describe('a Redis outage', () => {
  it('each process keeps serving its own clients and stays ready, /readyz reports Redis down, and everything resumes when Redis returns', async () => {
    const organizer = await register(b, 'organizer');
    const [watcherA, watcherB, leaving] = await Promise.all([register(a, 'joiner'), register(b, 'joiner'), register(b, 'joiner')]);
    const onA = await connect(a.url, watcherA, { reconnection: true });
    const onB = await connect(b.url, watcherB);
    const leavingOnB = await connect(b.url, leaving);
    const event = await createEvent(b, organizer);
    await onA.next('event:created', (p) => p.event.id === event.id);
    const screenOnA = new EventMirror(onA);
    screenOnA.resync(await list(a, watcherA));

    // Traffic through B for the whole outage: edits that must keep succeeding.
    let version = event.version;
    let stopTraffic = false;
    const statuses: (number | string)[] = [];
    const traffic = (async () => {
      for (let i = 0; !stopTraffic; i++) {
        const response = await api<{ event: Event }>(
          b,
          'PATCH',
          `/api/events/${event.id}`,
          organizer,
          { title: `Traffic ${i}`, version },
          [200],
        ).catch((error: unknown) => ({ status: String(error), body: undefined }));
        statuses.push(response.status);
        if (!response.body) return;
        version = response.body.event.version;
      }
    })();

    await cluster.redis.stop('SIGKILL');
    // Ready all the same (docs/product.md §7): taking every replica out of service would take the site down.
    const redisDown = { status: 200, redis: 'unavailable' };
    await eventually('both processes report Redis down', async () =>
      [await a.readiness(), await b.readiness()].every((r) => r.status === redisDown.status && r.redis === redisDown.redis),
    );

    // Local broadcasts still reach local sockets.
    const localEdit = await createEvent(b, organizer, { title: 'During the outage' });
    await onB.next('event:created', (p) => p.event.id === localEdit.id);
    // A dropped socket's session cannot be saved, and presence cannot be shared: neither may crash A.
    const dropped = onA.disconnected();
    onA.socket.io.engine.close();
    await dropped;
    await eventually('client back on A', async () => onA.socket.connected);
    onA.socket.emit('presence:watch', { eventId: event.id });
    await onA.next('presence:changed', (p) => p.eventId === event.id && p.viewers === 1);
    // Logout still ends the session's sockets on the process that served it.
    const loggedOut = leavingOnB.disconnected();
    await api(b, 'POST', '/api/auth/logout', leaving);
    expect(await loggedOut).toBe('io server disconnect');

    // When Redis returns, the clients of every process are made to reconnect without their state,
    // since what other processes sent meanwhile is lost; they refetch, as after any failed recovery.
    const forced = onA.disconnected(30_000);
    await cluster.redis.start();
    await eventually('both processes report Redis up', async () =>
      [await a.readiness(), await b.readiness()].every((r) => r.status === 200 && r.redis === 'ok'),
    );
    expect(await forced).toBe('transport close');
    await eventually('client back on A', async () => onA.socket.connected);
    expect(onA.socket.recovered).toBe(false);
    screenOnA.resync(await list(a, watcherA));

    // Broadcasts cross processes again once the adapter's connections are back.
    await eventually('a write through B seen on A', async () => {
      const created = await createEvent(b, organizer, { title: 'After the outage' });
      return onA.next('event:created', (p) => p.event.id === created.id).then(() => true);
    });

    stopTraffic = true;
    await traffic;
    const last = await createEvent(b, organizer, { title: 'Last' });
    await onA.next('event:created', (p) => p.event.id === last.id);
    expect(screenOnA.snapshot()).toEqual(snapshotOf(await list(a, watcherA)));
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(a.running && b.running).toBe(true);
    expect(`${a.output()}${b.output()}`).not.toMatch(/unhandled|uncaught/i);
  }, 120_000);
});
