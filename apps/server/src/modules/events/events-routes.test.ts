import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, daysFromNow, endEvent, eventInput } from '../../test/builders/events';
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

const notificationsOf = async (user: TestUser) => (await call(t, 'GET', '/api/notifications', { as: user })).json();

describe('create and read', () => {
  it('creates an event owned by the session user, whatever the body says, and reads it back', async () => {
    const other = await buildUser(t, { role: 'organizer' });
    const startsAt = new Date(Date.now() + 86_400_000);
    const response = await call(t, 'POST', '/api/events', {
      as: owner,
      body: { ...eventInput({ startsAt: startsAt.toISOString(), durationMinutes: 90, capacity: 5 }), organizerId: other.user.id },
    });
    expect(response.statusCode).toBe(201);
    const { event } = response.json();
    expect(event).toMatchObject({
      organizerId: owner.user.id,
      organizerName: owner.user.name,
      capacity: 5,
      joinedCount: 0,
      waitlistCount: 0,
      version: 1,
      myParticipation: null,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 90 * 60_000).toISOString(),
    });

    const joiner = await buildUser(t);
    const read = await call(t, 'GET', `/api/events/${event.id}`, { as: joiner });
    expect(read.statusCode).toBe(200);
    expect(read.json().event).toEqual(event);
  });

  it('normalises a start given with an offset to UTC', async () => {
    const event = await buildEvent(t, owner, { startsAt: '2099-06-01T20:00:00+02:00' });
    expect(event.startsAt).toBe('2099-06-01T18:00:00.000Z');
  });

  it('refuses a start in the past with a field error on startsAt', async () => {
    const response = await call(t, 'POST', '/api/events', { as: owner, body: eventInput({ startsAt: daysFromNow(-1) }) });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields.startsAt).toBeDefined();
  });

  it.each([
    ['an unknown time zone', { timezone: 'Mars/Olympus' }, 'timezone'],
    ['a date without offset', { startsAt: '2099-01-01T10:00:00' }, 'startsAt'],
    ['a duration that is a string', { durationMinutes: '60' }, 'durationMinutes'],
    ['a zero capacity', { capacity: 0 }, 'capacity'],
    ['a fractional capacity', { capacity: 2.5 }, 'capacity'],
    ['an empty title', { title: '   ' }, 'title'],
    ['a too long location', { location: 'x'.repeat(201) }, 'location'],
  ])('answers %s with 400 and the field error', async (_what, override, field) => {
    const response = await call(t, 'POST', '/api/events', { as: owner, body: { ...eventInput(), ...override } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
    expect(Object.keys(response.json().error.details.fields)).toContain(field);
  });

  it('answers a malformed id with 400 and an unknown one with 404', async () => {
    const bad = await call(t, 'GET', '/api/events/not-a-uuid', { as: owner });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.id).toBeDefined();
    const unknown = await call(t, 'GET', `/api/events/${crypto.randomUUID()}`, { as: owner });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
  });
});

describe('edit', () => {
  it('changes the given fields, recomputes the end and bumps the version', async () => {
    const event = await buildEvent(t, owner, { durationMinutes: 60 });
    const response = await call(t, 'PATCH', `/api/events/${event.id}`, {
      as: owner,
      body: { title: 'Chess night', durationMinutes: 30, version: event.version },
    });
    expect(response.statusCode).toBe(200);
    const edited = response.json().event;
    expect(edited).toMatchObject({ title: 'Chess night', durationMinutes: 30, version: event.version + 1, location: event.location });
    expect(edited.endsAt).toBe(new Date(new Date(event.startsAt).getTime() + 30 * 60_000).toISOString());
  });

  it('refuses a stale version with 409 stale_version and changes nothing', async () => {
    const event = await buildEvent(t, owner);
    const first = await call(t, 'PATCH', `/api/events/${event.id}`, { as: owner, body: { title: 'First', version: event.version } });
    expect(first.statusCode).toBe(200);
    const second = await call(t, 'PATCH', `/api/events/${event.id}`, { as: owner, body: { title: 'Second', version: event.version } });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('stale_version');
    expect((await call(t, 'GET', `/api/events/${event.id}`, { as: owner })).json().event.title).toBe('First');
  });

  it('counts joins and leaves as changes: an edit based on the version before a join is stale', async () => {
    const event = await buildEvent(t, owner);
    const joined = await join(t, await buildUser(t), event.id);
    expect(joined.json().event.version).toBe(event.version + 1);
    const stale = await call(t, 'PATCH', `/api/events/${event.id}`, { as: owner, body: { title: 'Late', version: event.version } });
    expect(stale.statusCode).toBe(409);
  });

  it('refuses a capacity below the joined count with a message saying how many joined', async () => {
    const event = await buildEvent(t, owner, { capacity: 5 });
    for (let i = 0; i < 3; i++) await join(t, await buildUser(t), event.id);
    const current = (await call(t, 'GET', `/api/events/${event.id}`, { as: owner })).json().event;
    const response = await call(t, 'PATCH', `/api/events/${event.id}`, { as: owner, body: { capacity: 2, version: current.version } });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('capacity_below_joined');
    expect(response.json().error.message).toContain('3 people have already joined');
    const atJoined = await call(t, 'PATCH', `/api/events/${event.id}`, { as: owner, body: { capacity: 3, version: current.version } });
    expect(atJoined.statusCode).toBe(200);
  });

  it('raising the capacity promotes the first waitlisted at once and notifies them', async () => {
    const event = await buildEvent(t, owner, { capacity: 1 });
    const [a, b, c, d] = await Promise.all([buildUser(t), buildUser(t), buildUser(t), buildUser(t)]);
    if (!a || !b || !c || !d) throw new Error('users');
    for (const user of [a, b, c, d]) await join(t, user, event.id);
    const current = (await call(t, 'GET', `/api/events/${event.id}`, { as: owner })).json().event;
    expect(current).toMatchObject({ joinedCount: 1, waitlistCount: 3 });

    const response = await call(t, 'PATCH', `/api/events/${event.id}`, { as: owner, body: { capacity: 3, version: current.version } });
    expect(response.statusCode).toBe(200);
    expect(response.json().event).toMatchObject({ capacity: 3, joinedCount: 3, waitlistCount: 1, version: current.version + 1 });
    expect((await call(t, 'GET', `/api/events/${event.id}`, { as: b })).json().event.myParticipation).toEqual({ status: 'joined' });
    expect((await call(t, 'GET', `/api/events/${event.id}`, { as: d })).json().event.myParticipation).toEqual({
      status: 'waitlisted',
      position: 1,
    });
    expect((await notificationsOf(b)).items[0]).toMatchObject({ type: 'promoted', eventId: event.id });
    expect((await notificationsOf(d)).items).toHaveLength(0);
  });

  it('making the capacity unlimited seats the whole waitlist', async () => {
    const event = await buildEvent(t, owner, { capacity: 1 });
    for (let i = 0; i < 3; i++) await join(t, await buildUser(t), event.id);
    const current = (await call(t, 'GET', `/api/events/${event.id}`, { as: owner })).json().event;
    const response = await call(t, 'PATCH', `/api/events/${event.id}`, { as: owner, body: { capacity: null, version: current.version } });
    expect(response.json().event).toMatchObject({ capacity: null, joinedCount: 3, waitlistCount: 0 });
  });

  it('notifies everyone joined or waitlisted when the time or place changes, not for a new title', async () => {
    const event = await buildEvent(t, owner, { capacity: 1 });
    const [seated, waiting] = [await buildUser(t), await buildUser(t)];
    await join(t, seated, event.id);
    await join(t, waiting, event.id);
    let version = (await call(t, 'GET', `/api/events/${event.id}`, { as: owner })).json().event.version;
    const retitled = await call(t, 'PATCH', `/api/events/${event.id}`, { as: owner, body: { title: 'Renamed', version } });
    version = retitled.json().event.version;
    expect((await notificationsOf(seated)).items).toHaveLength(0);

    const moved = await call(t, 'PATCH', `/api/events/${event.id}`, { as: owner, body: { location: 'Main square', version } });
    expect(moved.statusCode).toBe(200);
    for (const user of [seated, waiting]) {
      const { items, unreadCount } = await notificationsOf(user);
      expect(unreadCount).toBe(1);
      expect(items[0]).toMatchObject({ type: 'event_changed', eventId: event.id, readAt: null });
      expect(items[0].body).toContain('Main square');
    }
  });

  it('refuses a new start in the past with 400', async () => {
    const event = await buildEvent(t, owner);
    const response = await call(t, 'PATCH', `/api/events/${event.id}`, {
      as: owner,
      body: { startsAt: daysFromNow(-1), version: event.version },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields.startsAt).toBeDefined();
  });

  it('refuses to edit an event that has ended with 409 event_ended', async () => {
    const event = await buildEvent(t, owner);
    await endEvent(t, event.id);
    const response = await call(t, 'PATCH', `/api/events/${event.id}`, { as: owner, body: { title: 'Too late', version: event.version } });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('event_ended');
  });

  it('answers a missing version or a wrong type with 400', async () => {
    const event = await buildEvent(t, owner);
    const noVersion = await call(t, 'PATCH', `/api/events/${event.id}`, { as: owner, body: { title: 'No version' } });
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().error.details.fields.version).toBeDefined();
    const wrongType = await call(t, 'PATCH', `/api/events/${event.id}`, { as: owner, body: { capacity: 'ten', version: 1 } });
    expect(wrongType.statusCode).toBe(400);
  });
});

describe('delete', () => {
  it('removes the event and its participations and tells everyone who was in it', async () => {
    const event = await buildEvent(t, owner, { capacity: 1, title: 'Picnic' });
    const [seated, waiting, bystander] = [await buildUser(t), await buildUser(t), await buildUser(t)];
    await join(t, seated, event.id);
    await join(t, waiting, event.id);

    const response = await call(t, 'DELETE', `/api/events/${event.id}`, { as: owner });
    expect(response.statusCode).toBe(204);
    expect((await call(t, 'GET', `/api/events/${event.id}`, { as: seated })).statusCode).toBe(404);
    for (const user of [seated, waiting]) {
      const [notice] = (await notificationsOf(user)).items;
      expect(notice).toMatchObject({ type: 'event_cancelled', eventId: null, body: 'Picnic was cancelled by the organizer.' });
    }
    expect((await notificationsOf(bystander)).items).toHaveLength(0);
    const joinedList = await call(t, 'GET', '/api/events?joined=1&when=all', { as: seated });
    expect(joinedList.json().items).toHaveLength(0);
    expect((await call(t, 'DELETE', `/api/events/${event.id}`, { as: owner })).statusCode).toBe(404);
  });

  it('tells a joiner who joined and left that the event was cancelled, once', async () => {
    const event = await buildEvent(t, owner, { title: 'Harbour walk' });
    const [leaver, returner] = [await buildUser(t), await buildUser(t)];
    for (const user of [leaver, returner]) {
      await join(t, user, event.id);
      await leave(t, user, event.id);
    }
    await join(t, returner, event.id);

    expect((await call(t, 'DELETE', `/api/events/${event.id}`, { as: owner })).statusCode).toBe(204);
    for (const user of [leaver, returner]) {
      const { items } = await notificationsOf(user);
      expect(items.map((n: { body: string }) => n.body)).toEqual(['Harbour walk was cancelled by the organizer.']);
    }
  });
});
