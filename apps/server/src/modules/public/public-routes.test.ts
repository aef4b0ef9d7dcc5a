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

  it('answers 404 for an unknown event and 400 for a malformed id', async () => {
    expect((await call(t, 'GET', `/api/public/events/${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await call(t, 'GET', '/api/public/events/1234')).statusCode).toBe(400);
  });
});
