import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildEvent } from '../../test/builders/events';
import { buildUser, type TestUser } from '../../test/builders/users';
import { call, join, leave } from '../../test/harness/api';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';
import { recordingPublisher } from '../../test/harness/recording-publisher';

const JOIN_LINK = 'https://meet.example.org/board-games?pwd=secret';

let t: TestApp;
let owner: TestUser;
const recorder = recordingPublisher();
beforeAll(async () => {
  t = await buildTestApp();
  t.app.turnout.setPublisher(recorder);
  owner = await buildUser(t, { role: 'organizer' });
});
beforeEach(() => void recorder.take());
afterAll(() => t.close());

const viewAs = async (user: TestUser, id: string) => (await call(t, 'GET', `/api/events/${id}`, { as: user })).json().event;

describe('where an event happens', () => {
  it('may be to be announced: the place is optional and stored empty', async () => {
    const event = await buildEvent(t, owner, { location: undefined });
    expect(event).toMatchObject({ locationType: 'venue', location: '', hasOnlineUrl: false, onlineUrl: null });
  });

  it('shows an online event’s join link to its organizer and joined attendees only, never over sockets', async () => {
    const event = await buildEvent(t, owner, { locationType: 'online', location: 'Zoom', onlineUrl: JOIN_LINK, capacity: 1 });
    expect(event).toMatchObject({ locationType: 'online', location: 'Zoom', hasOnlineUrl: true, onlineUrl: JOIN_LINK });
    expect(JSON.stringify(recorder.take())).not.toContain('meet.example.org');

    const [seated, waiting] = [await buildUser(t), await buildUser(t)];
    expect(await viewAs(seated, event.id)).toMatchObject({ hasOnlineUrl: true, onlineUrl: null });
    expect((await join(t, seated, event.id)).json().event.onlineUrl).toBe(JOIN_LINK);
    expect((await join(t, waiting, event.id)).json().event.onlineUrl).toBeNull();
    expect(await viewAs(waiting, event.id)).toMatchObject({ onlineUrl: null });

    const list = (await call(t, 'GET', '/api/events', { as: seated })).json().items;
    expect(list.find((item: { id: string }) => item.id === event.id).onlineUrl).toBe(JOIN_LINK);
    const publicPage = await call(t, 'GET', `/api/public/events/${event.id}`);
    expect(publicPage.body).not.toContain('meet.example.org');

    // The seat passes to the waiting joiner, and the link with it.
    expect((await leave(t, seated, event.id)).json().event.onlineUrl).toBeNull();
    expect(await viewAs(waiting, event.id)).toMatchObject({ onlineUrl: JOIN_LINK });
  });

  it('drops the join link when an online event moves to a place, and notifies attendees of the change', async () => {
    const event = await buildEvent(t, owner, { locationType: 'online', onlineUrl: JOIN_LINK });
    const joiner = await buildUser(t);
    await join(t, joiner, event.id);
    const edited = await call(t, 'PATCH', `/api/events/${event.id}`, {
      as: owner,
      body: { version: event.version + 1, locationType: 'venue', location: 'Community hall' },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().event).toMatchObject({ locationType: 'venue', location: 'Community hall', hasOnlineUrl: false, onlineUrl: null });
    const notices = (await call(t, 'GET', '/api/notifications', { as: joiner })).json();
    expect(JSON.stringify(notices)).toContain('event_changed');
  });

  it('refuses a join link that is not a web address', async () => {
    for (const onlineUrl of ['javascript:alert(1)', 'meet.example.org', 'ftp://example.org/x', 'https://']) {
      const response = await call(t, 'POST', '/api/events', {
        as: owner,
        body: {
          title: 'Online',
          startsAt: new Date(Date.now() + 86_400_000).toISOString(),
          timezone: 'UTC',
          durationMinutes: 60,
          locationType: 'online',
          onlineUrl,
        },
      });
      expect(response.statusCode, onlineUrl).toBe(400);
      expect(response.json().error.details.fields.onlineUrl).toBeDefined();
    }
  });
});
