import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../db/schema';
import { buildEvent } from '../../test/builders/events';
import { buildUser } from '../../test/builders/users';
import { call } from '../../test/harness/api';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';
import { inPool, insertJoiners, type LoadUser, send, startTwoInstances } from '../../test/harness/load';
import { testEngine } from '../../test/harness/test-database';

type Attendees = { joined: { userId: string; since: string }[]; waitlisted: { userId: string; position: number; since: string }[] };

// The contention bar on PostgreSQL: 1 000 simultaneous joins on a 100-seat event through the HTTP
// API (docs/product.md §6). PGlite has one connection, so the rush there is smaller: the rule is the same.
const rush =
  testEngine() === 'postgres'
    ? { joiners: 1000, capacity: 100, leaves: 50, inFlight: 100 }
    : { joiners: 60, capacity: 10, leaves: 5, inFlight: 20 };
const { joiners, capacity, leaves, inFlight } = rush;

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe(`${joiners} joiners at once on a ${capacity}-seat event, over two app instances`, () => {
  it(`seats exactly ${capacity}, waitlists ${joiners - capacity} in arrival order, and ${leaves} leaves promote the first ${leaves}`, {
    timeout: 180_000,
  }, async () => {
    const organizer = await buildUser(t, { role: 'organizer' });
    const event = await buildEvent(t, organizer, { capacity });
    const people = await insertJoiners(t, joiners);
    const byId = new Map(people.map((user) => [user.id, user]));
    const attendees = async (): Promise<Attendees> => (await call(t, 'GET', `/api/events/${event.id}/attendees`, { as: organizer })).json();
    const stored = async () => (await call(t, 'GET', `/api/events/${event.id}`, { as: organizer })).json().event;
    const servers = await startTwoInstances(t);
    const path = `/api/events/${event.id}/participation`;
    try {
      const joins = await inPool(
        people.map((user, i) => () => send(servers.urls[i % 2] as string, 'PUT', path, user)),
        inFlight,
      );
      expect(joins.map((r) => r.status)).toEqual(people.map(() => 200));

      // Exactly the capacity seated, everyone else waiting with gap-free places, nobody twice.
      const before = await attendees();
      expect(before.joined).toHaveLength(capacity);
      expect(before.waitlisted.map((w) => w.position)).toEqual(Array.from({ length: joiners - capacity }, (_, i) => i + 1));
      expect(new Set([...before.joined, ...before.waitlisted].map((a) => a.userId)).size).toBe(joiners);
      // Each answer agrees with the final lists, and each join bumped the version once.
      const answered = new Map(people.map((user, i) => [user.id, joins[i]?.body.participation]));
      for (const seated of before.joined) expect(answered.get(seated.userId)).toEqual({ status: 'joined' });
      for (const waiting of before.waitlisted)
        expect(answered.get(waiting.userId)).toEqual({ status: 'waitlisted', position: waiting.position });
      expect(await stored()).toMatchObject({ joinedCount: capacity, waitlistCount: joiners - capacity, version: 1 + joiners });

      const leavers = before.joined.slice(0, leaves).map((a) => byId.get(a.userId) as LoadUser);
      const results = await inPool(
        leavers.map((user, i) => () => send(servers.urls[i % 2] as string, 'DELETE', path, user)),
        inFlight,
      );
      expect(results.map((r) => r.status)).toEqual(leavers.map(() => 200));

      // The leaves seated exactly the head of the waitlist; the rest moved up in order.
      const after = await attendees();
      const promoted = before.waitlisted.slice(0, leaves).map((w) => w.userId);
      const stayed = before.joined.slice(leaves).map((a) => a.userId);
      expect(after.joined.map((a) => a.userId).sort()).toEqual([...stayed, ...promoted].sort());
      expect(after.waitlisted.map((w) => w.userId)).toEqual(before.waitlisted.slice(leaves).map((w) => w.userId));
      expect(after.waitlisted.map((w) => w.position)).toEqual(Array.from({ length: joiners - capacity - leaves }, (_, i) => i + 1));
      // Promoted in waitlist order: each promotion happened no earlier than the one before it.
      const promotedAt = new Map(after.joined.map((a) => [a.userId, Date.parse(a.since)]));
      const times = promoted.map((id) => promotedAt.get(id) as number);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(await stored()).toMatchObject({ joinedCount: capacity, waitlistCount: joiners - capacity - leaves });

      // Each promoted joiner, and nobody else, was told.
      const notices = await t.db.database.db
        .select({ userId: notifications.userId })
        .from(notifications)
        .where(and(eq(notifications.eventId, event.id), eq(notifications.type, 'promoted')));
      expect(notices.map((n) => n.userId).sort()).toEqual([...promoted].sort());
    } finally {
      await servers.close();
    }
  });
});
