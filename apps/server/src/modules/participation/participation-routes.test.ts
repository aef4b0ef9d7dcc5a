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

const joiners = (n: number) => Promise.all(Array.from({ length: n }, () => buildUser(t)));
const attendees = async (eventId: string) => (await call(t, 'GET', `/api/events/${eventId}/attendees`, { as: owner })).json();

describe('join', () => {
  it('seats while seats are free, then waitlists in arrival order with 1-based positions', async () => {
    const event = await buildEvent(t, owner, { capacity: 2 });
    const users = await joiners(5);
    const answers = [];
    for (const user of users) answers.push((await join(t, user, event.id)).json());
    expect(answers.map((a) => a.participation)).toEqual([
      { status: 'joined' },
      { status: 'joined' },
      { status: 'waitlisted', position: 1 },
      { status: 'waitlisted', position: 2 },
      { status: 'waitlisted', position: 3 },
    ]);
    expect(answers[4].event).toMatchObject({ joinedCount: 2, waitlistCount: 3, myParticipation: { status: 'waitlisted', position: 3 } });

    const list = await attendees(event.id);
    expect(list.joined.map((a: { userId: string }) => a.userId)).toEqual(users.slice(0, 2).map((u) => u.user.id));
    expect(list.waitlisted).toEqual(
      users.slice(2).map((u, i) => ({ userId: u.user.id, name: u.user.name, avatarUrl: null, since: expect.any(String), position: i + 1 })),
    );
  });

  it('is idempotent: joining again answers the current state without a duplicate', async () => {
    const event = await buildEvent(t, owner, { capacity: 1 });
    const [first, second] = await joiners(2);
    if (!first || !second) throw new Error('users');
    await join(t, first, event.id);
    await join(t, second, event.id);
    const again = await join(t, second, event.id);
    expect(again.statusCode).toBe(200);
    expect(again.json().participation).toEqual({ status: 'waitlisted', position: 1 });
    expect(again.json().event).toMatchObject({ joinedCount: 1, waitlistCount: 1, version: 3 });
    expect((await join(t, first, event.id)).json().participation).toEqual({ status: 'joined' });
  });

  it('has no limit when the capacity is unlimited', async () => {
    const event = await buildEvent(t, owner, { capacity: null });
    for (const user of await joiners(4)) expect((await join(t, user, event.id)).json().participation).toEqual({ status: 'joined' });
  });

  it('refuses an event that has ended with 409 event_ended, an unknown one with 404, a bad id with 400', async () => {
    const [user] = await joiners(1);
    const event = await buildEvent(t, owner);
    await endEvent(t, event.id);
    const ended = await join(t, user as TestUser, event.id);
    expect(ended.statusCode).toBe(409);
    expect(ended.json().error.code).toBe('event_ended');
    expect((await join(t, user as TestUser, crypto.randomUUID())).statusCode).toBe(404);
    expect((await join(t, user as TestUser, 'nope')).statusCode).toBe(400);
  });

  it('refuses the event’s own organizer with 403, and nothing is counted', async () => {
    const event = await buildEvent(t, owner);
    const response = await join(t, owner, event.id);
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('You host this event') });
    const after = (await call(t, 'GET', `/api/events/${event.id}`, { as: owner })).json().event;
    expect(after).toMatchObject({ joinedCount: 0, waitlistCount: 0, version: event.version });
  });

  it('seats an organizer at another organizer’s event like anyone, and lets them leave', async () => {
    const event = await buildEvent(t, owner, { capacity: 1 });
    const guest = await buildUser(t, { role: 'organizer' });
    const joined = await join(t, guest, event.id);
    expect(joined.statusCode).toBe(200);
    expect(joined.json()).toMatchObject({ participation: { status: 'joined' }, event: { joinedCount: 1 } });
    const going = (await call(t, 'GET', '/api/events?joined=true', { as: guest })).json().items;
    expect(going.map((item: { id: string }) => item.id)).toEqual([event.id]);
    const left = await leave(t, guest, event.id);
    expect(left.json().event).toMatchObject({ joinedCount: 0, myParticipation: null });
  });
});

describe('leave', () => {
  it('gives the seat to the first waitlisted, notifies them, and moves the rest up', async () => {
    const event = await buildEvent(t, owner, { capacity: 1, title: 'Pottery class' });
    const [seated, first, second] = await joiners(3);
    if (!seated || !first || !second) throw new Error('users');
    for (const user of [seated, first, second]) await join(t, user, event.id);

    const response = await leave(t, seated, event.id);
    expect(response.statusCode).toBe(200);
    expect(response.json().event).toMatchObject({ joinedCount: 1, waitlistCount: 1, myParticipation: null });

    const mine = async (user: TestUser) => (await call(t, 'GET', `/api/events/${event.id}`, { as: user })).json().event.myParticipation;
    expect(await mine(first)).toEqual({ status: 'joined' });
    expect(await mine(second)).toEqual({ status: 'waitlisted', position: 1 });
    const notices = (await call(t, 'GET', '/api/notifications', { as: first })).json();
    expect(notices.unreadCount).toBe(1);
    expect(notices.items[0]).toMatchObject({ type: 'promoted', eventId: event.id });
    expect(notices.items[0].body).toContain('Pottery class');
    expect((await call(t, 'GET', '/api/notifications', { as: second })).json().unreadCount).toBe(0);
  });

  it('leaving the waitlist moves those behind up and promotes nobody', async () => {
    const event = await buildEvent(t, owner, { capacity: 1 });
    const users = await joiners(4);
    for (const user of users) await join(t, user, event.id);
    await leave(t, users[1] as TestUser, event.id);
    const list = await attendees(event.id);
    expect(list.joined.map((a: { userId: string }) => a.userId)).toEqual([users[0]?.user.id]);
    expect(list.waitlisted.map((a: { userId: string; position: number }) => [a.userId, a.position])).toEqual([
      [users[2]?.user.id, 1],
      [users[3]?.user.id, 2],
    ]);
  });

  it('is idempotent: leaving when not in answers 200 with the event', async () => {
    const event = await buildEvent(t, owner, { capacity: 3 });
    const [user] = await joiners(1);
    const response = await leave(t, user as TestUser, event.id);
    expect(response.statusCode).toBe(200);
    expect(response.json().event).toMatchObject({ id: event.id, joinedCount: 0, version: event.version, myParticipation: null });
    await join(t, user as TestUser, event.id);
    await leave(t, user as TestUser, event.id);
    expect((await leave(t, user as TestUser, event.id)).json().event).toMatchObject({ joinedCount: 0, waitlistCount: 0 });
  });

  it('a joiner can take a seat again after leaving, at the end of the line', async () => {
    const event = await buildEvent(t, owner, { capacity: 1 });
    const [a, b] = await joiners(2);
    if (!a || !b) throw new Error('users');
    await join(t, a, event.id);
    await join(t, b, event.id);
    await leave(t, a, event.id);
    expect((await join(t, a, event.id)).json().participation).toEqual({ status: 'waitlisted', position: 1 });
  });
});

describe('attendees', () => {
  const listAs = (user: TestUser | undefined, eventId: string) => call(t, 'GET', `/api/events/${eventId}/attendees`, { as: user });

  it('show anyone logged in who is joined, names and avatars, but never who waits', async () => {
    const event = await buildEvent(t, owner, { capacity: 2 });
    const [ada, bea, wes] = await joiners(3);
    if (!ada || !bea || !wes) throw new Error('users');
    for (const user of [ada, bea, wes]) await join(t, user, event.id);
    const seated = [ada, bea].map((u) => ({ userId: u.user.id, name: u.user.name, avatarUrl: null, since: expect.any(String) }));

    for (const viewer of [ada, wes, await buildUser(t), await buildUser(t, { role: 'organizer' })]) {
      const response = await listAs(viewer, event.id);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ version: expect.any(Number), joined: seated, waitlisted: [] });
      expect(response.body).not.toContain(wes.user.name);
    }
    // The organizer sees the waitlist too.
    expect((await attendees(event.id)).waitlisted.map((a: { name: string }) => a.name)).toEqual([wes.user.name]);
  });

  it('are the organizer’s alone when they hide the list: 403 for everyone else, joined or not', async () => {
    const event = await buildEvent(t, owner, { attendeesVisible: false });
    const [ada, other] = await joiners(2);
    if (!ada || !other) throw new Error('users');
    await join(t, ada, event.id);
    for (const viewer of [ada, other, await buildUser(t, { role: 'organizer' })]) {
      const refused = await listAs(viewer, event.id);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toMatchObject({ code: 'forbidden', message: 'The organizer keeps the guest list private.' });
      expect(refused.body).not.toContain(ada.user.name);
    }
    expect((await attendees(event.id)).joined.map((a: { name: string }) => a.name)).toEqual([ada.user.name]);

    // Shown again: the same people see it at once.
    const shown = await call(t, 'PATCH', `/api/events/${event.id}`, {
      as: owner,
      body: { attendeesVisible: true, version: event.version + 1 },
    });
    expect(shown.statusCode).toBe(200);
    expect((await listAs(other, event.id)).json().joined.map((a: { name: string }) => a.name)).toEqual([ada.user.name]);
  });

  it('need a login, and answer 404 for an unknown event', async () => {
    const event = await buildEvent(t, owner);
    expect((await listAs(undefined, event.id)).statusCode).toBe(401);
    expect((await call(t, 'GET', `/api/events/${crypto.randomUUID()}/attendees`, { as: owner })).statusCode).toBe(404);
    expect(await attendees(event.id)).toEqual({ version: event.version, joined: [], waitlisted: [] });
  });
});
