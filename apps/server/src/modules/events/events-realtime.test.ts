import { RealtimeSchemas } from '@turnout/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RealtimeMessage } from '../../realtime/publisher';
import { buildEvent } from '../../test/builders/events';
import { buildUser, type TestUser } from '../../test/builders/users';
import { call, join, leave } from '../../test/harness/api';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';
import { recordingPublisher } from '../../test/harness/recording-publisher';

let t: TestApp;
let owner: TestUser;
const recorder = recordingPublisher();
beforeAll(async () => {
  t = await buildTestApp();
  t.app.turnout.setPublisher(recorder);
  owner = await buildUser(t, { role: 'organizer' });
});
beforeEach(async () => void (await sent()));
afterAll(() => t.close());
/** What was published, once the owner's attendee lists (sent after commit) have gone out too. */
async function sent() {
  await t.app.turnout.attendeeLists.settled();
  return recorder.take();
}

/** Each message as `event → audience`, after checking its payload against the shared schema. */
function summarise(messages: RealtimeMessage[]) {
  return messages.map((m) => {
    expect(RealtimeSchemas[m.event].safeParse(m.payload).success).toBe(true);
    return `${m.event} → ${m.audience.kind === 'everyone' ? 'everyone' : m.audience.userId}`;
  });
}

describe('realtime messages after commit', () => {
  it('a created event goes to everyone as stored', async () => {
    const event = await buildEvent(t, owner);
    const messages = await sent();
    expect(summarise(messages)).toEqual(['event:created → everyone']);
    // The socket carries the stored event: never the viewer's own participation, nor the online join link.
    const { myParticipation: _, onlineUrl: __, ...stored } = event;
    expect(messages[0]?.payload).toEqual({ event: stored });
  });

  it('a join tells the joiner their place, everyone the counts, the owner the lists', async () => {
    const event = await buildEvent(t, owner, { capacity: 1 });
    const [seated, waiting] = [await buildUser(t), await buildUser(t)];
    await join(t, seated, event.id);
    await sent();
    const response = await join(t, waiting, event.id);
    const messages = await sent();
    expect(summarise(messages).sort()).toEqual(
      [`participation:mine → ${waiting.user.id}`, 'participation:changed → everyone', `attendees:changed → ${owner.user.id}`].sort(),
    );
    const byEvent = Object.fromEntries(messages.map((m) => [m.event, m.payload]));
    expect(byEvent['participation:mine']).toEqual({ eventId: event.id, status: 'waitlisted', position: 1 });
    expect(byEvent['participation:changed']).toEqual({
      eventId: event.id,
      joinedCount: 1,
      waitlistCount: 1,
      version: response.json().event.version,
    });
    expect(byEvent['attendees:changed']).toMatchObject({
      eventId: event.id,
      version: response.json().event.version,
      joined: [{ userId: seated.user.id }],
      waitlisted: [{ userId: waiting.user.id, position: 1 }],
    });

    // Joining again changes nothing and says nothing.
    await join(t, waiting, event.id);
    expect(await sent()).toEqual([]);
  });

  it('a leave that promotes tells the leaver, the promoted (with a notification) and those who moved up', async () => {
    const event = await buildEvent(t, owner, { capacity: 1 });
    const [seated, first, second] = [await buildUser(t), await buildUser(t), await buildUser(t)];
    for (const user of [seated, first, second]) await join(t, user, event.id);
    await sent();
    await leave(t, seated, event.id);
    const messages = await sent();
    expect(summarise(messages).sort()).toEqual(
      [
        `participation:mine → ${seated.user.id}`,
        `participation:mine → ${first.user.id}`,
        `notification → ${first.user.id}`,
        `participation:mine → ${second.user.id}`,
        'participation:changed → everyone',
        `attendees:changed → ${owner.user.id}`,
      ].sort(),
    );
    const mine = messages.filter((m) => m.event === 'participation:mine').map((m) => m.payload);
    expect(mine).toEqual([
      { eventId: event.id, status: 'removed' },
      { eventId: event.id, status: 'promoted' },
      { eventId: event.id, status: 'waitlisted', position: 1 },
    ]);
  });

  it('an edit is broadcast; a refused edit publishes nothing', async () => {
    const event = await buildEvent(t, owner);
    await sent();
    const ok = await call(t, 'PATCH', `/api/events/${event.id}`, { as: owner, body: { title: 'New title', version: event.version } });
    expect(summarise(await sent())).toEqual(['event:updated → everyone']);

    const stale = await call(t, 'PATCH', `/api/events/${event.id}`, { as: owner, body: { title: 'Stale', version: event.version } });
    expect(stale.statusCode).toBe(409);
    const other = await buildUser(t, { role: 'organizer' });
    const version = ok.json().event.version;
    await call(t, 'PATCH', `/api/events/${event.id}`, { as: other, body: { title: 'Hijack', version } });
    await call(t, 'DELETE', `/api/events/${event.id}`, { as: other });
    expect(await sent()).toEqual([]);
  });

  it('a rejected capacity change rolls back and publishes nothing', async () => {
    const event = await buildEvent(t, owner, { capacity: 2 });
    await join(t, await buildUser(t), event.id);
    await join(t, await buildUser(t), event.id);
    const version = (await call(t, 'GET', `/api/events/${event.id}`, { as: owner })).json().event.version;
    await sent();
    const response = await call(t, 'PATCH', `/api/events/${event.id}`, { as: owner, body: { capacity: 1, title: 'Smaller', version } });
    expect(response.statusCode).toBe(409);
    expect(await sent()).toEqual([]);
  });

  it('a delete tells everyone, and each participant that they are out, with a notification', async () => {
    const event = await buildEvent(t, owner);
    const joiner = await buildUser(t);
    await join(t, joiner, event.id);
    await sent();
    await call(t, 'DELETE', `/api/events/${event.id}`, { as: owner });
    const messages = await sent();
    expect(summarise(messages).sort()).toEqual(
      ['event:deleted → everyone', `participation:mine → ${joiner.user.id}`, `notification → ${joiner.user.id}`].sort(),
    );
    const notice = messages.find((m) => m.event === 'notification');
    expect(notice?.payload).toMatchObject({ notification: { type: 'event_cancelled', eventId: null } });
  });
});
