import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../db/schema';
import { buildEvent, daysFromNow } from '../../test/builders/events';
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

const notificationsOf = async (user: TestUser) => (await call(t, 'GET', '/api/notifications', { as: user })).json();
/** The event's version now: every join bumps it. */
const versionOf = async (eventId: string) => (await call(t, 'GET', `/api/events/${eventId}`, { as: owner })).json().event.version;

describe('the “event changed” notice', () => {
  it('carries what changed, with the new values, for apps to word in the reader’s zone', async () => {
    const event = await buildEvent(t, owner, { title: 'Quiz night', location: 'Room 2', durationMinutes: 60 });
    const joiner = await buildUser(t);
    await join(t, joiner, event.id);
    const startsAt = daysFromNow(9);

    const edit = await call(t, 'PATCH', `/api/events/${event.id}`, {
      as: owner,
      body: { startsAt, location: 'Café Lume', title: 'Pub quiz', version: await versionOf(event.id) },
    });
    expect(edit.statusCode).toBe(200);

    const [notice] = (await notificationsOf(joiner)).items;
    expect(notice).toMatchObject({ type: 'event_changed', eventId: event.id });
    expect(notice.changes).toEqual({
      eventTitle: 'Pub quiz',
      startsAt: edit.json().event.startsAt,
      endsAt: edit.json().event.endsAt,
      location: 'Café Lume',
      previousTitle: 'Quiz night',
    });
    // Readers without the structured changes still read what changed.
    expect(notice.body).toMatch(
      /^Pub quiz: Time moved to .+\(Europe\/Berlin\)\. Location changed to Café Lume\. Title changed from “Quiz night”\.$/,
    );
  });

  it('names a new length without claiming the start moved', async () => {
    const event = await buildEvent(t, owner, { durationMinutes: 60 });
    const joiner = await buildUser(t);
    await join(t, joiner, event.id);
    await call(t, 'PATCH', `/api/events/${event.id}`, { as: owner, body: { durationMinutes: 90, version: await versionOf(event.id) } });
    const [notice] = (await notificationsOf(joiner)).items;
    expect(notice.changes).toEqual({ eventTitle: event.title, durationMinutes: 90, endsAt: expect.any(String) });
    expect(notice.body).toContain('Now 1 hour 30 minutes long');
  });

  it('lists a notice stored before changes were kept with null changes and its own text', async () => {
    const joiner = await buildUser(t);
    await t.db.database.db
      .insert(notifications)
      .values({ userId: joiner.user.id, type: 'event_changed', eventId: null, title: 'Event changed', body: 'Old text.' });
    const [notice] = (await notificationsOf(joiner)).items;
    expect(notice).toMatchObject({ body: 'Old text.', changes: null });
  });
});
