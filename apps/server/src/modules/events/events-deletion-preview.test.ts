import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, endEvent } from '../../test/builders/events';
import { buildUser, type TestUser } from '../../test/builders/users';
import { call, join, leave } from '../../test/harness/api';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';

let t: TestApp;
let owner: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  owner = await buildUser(t, { role: 'organizer' });
});
afterAll(() => t.close());

const cancelledNotices = async (user: TestUser) =>
  (await call(t, 'GET', '/api/notifications', { as: user })).json().items.filter((n: { type: string }) => n.type === 'event_cancelled');

describe('the deletion preview', () => {
  it('counts exactly the people the delete then tells: joined, waitlisted, and those who left', async () => {
    const event = await buildEvent(t, owner, { capacity: 2 });
    const onIt = await Promise.all(Array.from({ length: 4 }, () => buildUser(t)));
    const [leaver, returner] = [await buildUser(t), await buildUser(t)];
    for (const user of onIt) await join(t, user, event.id); // two joined, two waitlisted
    for (const user of [leaver, returner]) {
      await join(t, user, event.id);
      await leave(t, user, event.id);
    }
    await join(t, returner, event.id); // on it again: told once
    const shown = (await call(t, 'GET', `/api/events/${event.id}`, { as: owner })).json().event;
    expect(shown.joinedCount + shown.waitlistCount).toBe(5);

    const preview = await call(t, 'GET', `/api/events/${event.id}/deletion`, { as: owner });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toEqual({ notifiedCount: 6 });

    expect((await call(t, 'DELETE', `/api/events/${event.id}`, { as: owner })).statusCode).toBe(204);
    let told = 0;
    for (const user of [...onIt, leaver, returner]) told += (await cancelledNotices(user)).length;
    expect(told).toBe(6);
  });

  it('counts nobody for an event that has ended: removing it tells no one', async () => {
    const event = await buildEvent(t, owner);
    await join(t, await buildUser(t), event.id);
    await endEvent(t, event.id);
    expect((await call(t, 'GET', `/api/events/${event.id}/deletion`, { as: owner })).json()).toEqual({ notifiedCount: 0 });
  });

  it('answers 404 for an unknown event', async () => {
    expect((await call(t, 'GET', `/api/events/${crypto.randomUUID()}/deletion`, { as: owner })).statusCode).toBe(404);
  });
});
