import { PublicEventSchema } from '@turnout/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent } from '../../test/builders/events';
import { buildUser } from '../../test/builders/users';
import { call, join } from '../../test/harness/api';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('public event page', () => {
  it('shows the event and its counts without a login, and nobody who is in it', async () => {
    const owner = await buildUser(t, { role: 'organizer' });
    const event = await buildEvent(t, owner, { capacity: 1, title: 'Open day' });
    const [a, b] = [await buildUser(t), await buildUser(t)];
    await join(t, a, event.id);
    await join(t, b, event.id);

    const response = await call(t, 'GET', `/api/public/events/${event.id}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(Object.keys(body.event).sort()).toEqual(Object.keys(PublicEventSchema.shape).sort());
    expect(body.event).toMatchObject({ title: 'Open day', joinedCount: 1, waitlistCount: 1, organizerName: owner.user.name });
    for (const user of [a, b]) {
      expect(response.body).not.toContain(user.user.id);
      expect(response.body).not.toContain(user.user.name);
    }
    expect(response.body).not.toContain(owner.user.id);
  });

  it('shows counts only: never an attendee’s name, avatar or id, nor the online join link, even when the list is visible', async () => {
    const owner = await buildUser(t, { role: 'organizer' });
    const joinUrl = 'https://meet.example.test/j/very-secret';
    const event = await buildEvent(t, owner, {
      title: 'Remote',
      locationType: 'online',
      location: 'Zoom',
      onlineUrl: joinUrl,
      attendeesVisible: true,
    });
    const guests = [await buildUser(t), await buildUser(t)];
    for (const guest of guests) await join(t, guest, event.id);

    const response = await call(t, 'GET', `/api/public/events/${event.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().event).toMatchObject({ locationType: 'online', location: 'Zoom', joinedCount: 2 });
    expect(response.body).not.toContain('meet.example.test');
    expect(response.body).not.toContain('onlineUrl');
    for (const guest of guests) {
      expect(response.body).not.toContain(guest.user.id);
      expect(response.body).not.toContain(guest.user.name);
    }
  });

  it('answers 404 for an unknown event and 400 for a malformed id', async () => {
    expect((await call(t, 'GET', `/api/public/events/${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await call(t, 'GET', '/api/public/events/1234')).statusCode).toBe(400);
  });
});
