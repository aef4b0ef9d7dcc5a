import { NOTIFICATION_LIST_LIMIT } from '@turnout/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent } from '../../test/builders/events';
import { buildUser, type TestUser } from '../../test/builders/users';
import { call, join } from '../../test/harness/api';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';

let t: TestApp;
let owner: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  owner = await buildUser(t, { role: 'organizer' });
});
afterAll(() => t.close());

const listOf = async (user: TestUser) => (await call(t, 'GET', '/api/notifications', { as: user })).json();

/** Gives `user` one cancellation notice per event: joined, then deleted by the owner. */
async function cancelEventsFor(user: TestUser, count: number, titlePrefix = 'Event') {
  for (let i = 0; i < count; i++) {
    const event = await buildEvent(t, owner, { title: `${titlePrefix} ${i}` });
    await join(t, user, event.id);
    await call(t, 'DELETE', `/api/events/${event.id}`, { as: owner });
  }
}

describe('notifications', () => {
  it('lists the viewer’s own notices newest first with the unread count', async () => {
    const [ada, bob] = [await buildUser(t), await buildUser(t)];
    await cancelEventsFor(ada, 3, 'Ada');
    await cancelEventsFor(bob, 1, 'Bob');
    const list = await listOf(ada);
    expect(list.unreadCount).toBe(3);
    expect(list.items.map((n: { body: string }) => n.body)).toEqual([
      'Ada 2 was cancelled by the organizer.',
      'Ada 1 was cancelled by the organizer.',
      'Ada 0 was cancelled by the organizer.',
    ]);
    expect((await listOf(bob)).items).toHaveLength(1);
  });

  it('marks the given ones read, or all, and never another user’s', async () => {
    const [ada, bob] = [await buildUser(t), await buildUser(t)];
    await cancelEventsFor(ada, 3);
    await cancelEventsFor(bob, 1);
    const [newest, middle] = (await listOf(ada)).items;
    const bobs = (await listOf(bob)).items[0];

    const some = await call(t, 'POST', '/api/notifications/read', { as: ada, body: { ids: [newest.id, bobs.id] } });
    expect(some.statusCode).toBe(200);
    expect(some.json()).toEqual({ unreadCount: 2 });
    expect((await listOf(bob)).unreadCount).toBe(1);
    const after = (await listOf(ada)).items;
    expect(after[0].readAt).not.toBeNull();
    expect(after[1]).toMatchObject({ id: middle.id, readAt: null });

    const all = await call(t, 'POST', '/api/notifications/read', { as: ada, body: {} });
    expect(all.json()).toEqual({ unreadCount: 0 });
    const withoutBody = await call(t, 'POST', '/api/notifications/read', { as: bob });
    expect(withoutBody.json()).toEqual({ unreadCount: 0 });
  });

  it(`lists at most ${NOTIFICATION_LIST_LIMIT} but counts every unread one`, async () => {
    const ada = await buildUser(t);
    const event = await buildEvent(t, owner, { capacity: 1 });
    // Many notices quickly: each edit of the place notifies the one joiner.
    await join(t, ada, event.id);
    let version = (await call(t, 'GET', `/api/events/${event.id}`, { as: owner })).json().event.version;
    for (let i = 0; i <= NOTIFICATION_LIST_LIMIT; i++) {
      const response = await call(t, 'PATCH', `/api/events/${event.id}`, { as: owner, body: { location: `Room ${i}`, version } });
      version = response.json().event.version;
    }
    const list = await listOf(ada);
    expect(list.items).toHaveLength(NOTIFICATION_LIST_LIMIT);
    expect(list.unreadCount).toBe(NOTIFICATION_LIST_LIMIT + 1);
  });

  it('refuses bad ids with 400 and anonymous callers with 401', async () => {
    const ada = await buildUser(t);
    expect((await call(t, 'POST', '/api/notifications/read', { as: ada, body: { ids: ['nope'] } })).statusCode).toBe(400);
    expect((await call(t, 'POST', '/api/notifications/read', { as: ada, body: { ids: 'all' } })).statusCode).toBe(400);
    expect((await call(t, 'GET', '/api/notifications')).statusCode).toBe(401);
    expect((await call(t, 'POST', '/api/notifications/read', { body: {} })).statusCode).toBe(401);
  });
});
