import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, participations } from '../../db/schema';
import { buildEvent } from '../../test/builders/events';
import { buildUser } from '../../test/builders/users';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';
import { insertJoiners, send, startTwoInstances } from '../../test/harness/load';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/** The stored counts against the rows they count. */
async function countsAndRows(eventId: string) {
  const db = t.db.database.db;
  const [event] = await db.select().from(events).where(eq(events.id, eventId));
  const rows = await db.select().from(participations).where(eq(participations.eventId, eventId));
  return {
    stored: { joined: event?.joinedCount, waitlisted: event?.waitlistCount },
    rows: { joined: rows.filter((r) => r.status === 'joined').length, waitlisted: rows.filter((r) => r.status === 'waitlisted').length },
  };
}

describe('a double click: the same joiner sends the same request twice at once', () => {
  it('joins once and leaves once, answering 200 both times, with counts that match the rows', async () => {
    const organizer = await buildUser(t, { role: 'organizer' });
    const event = await buildEvent(t, organizer, { capacity: 5 });
    const people = await insertJoiners(t, 12);
    const servers = await startTwoInstances(t);
    const path = `/api/events/${event.id}/participation`;
    try {
      const joins = await Promise.all(people.flatMap((user) => [0, 1].map((i) => send(servers.urls[i] as string, 'PUT', path, user))));
      expect(joins.map((r) => r.status)).toEqual(joins.map(() => 200));
      // Both answers of one person name the same place.
      for (let i = 0; i < people.length; i++) expect(joins[2 * i]?.body.participation).toEqual(joins[2 * i + 1]?.body.participation);
      expect(await countsAndRows(event.id)).toEqual({ stored: { joined: 5, waitlisted: 7 }, rows: { joined: 5, waitlisted: 7 } });

      const leaves = await Promise.all(people.flatMap((user) => [0, 1].map((i) => send(servers.urls[i] as string, 'DELETE', path, user))));
      expect(leaves.map((r) => r.status)).toEqual(leaves.map(() => 200));
      expect(await countsAndRows(event.id)).toEqual({ stored: { joined: 0, waitlisted: 0 }, rows: { joined: 0, waitlisted: 0 } });
    } finally {
      await servers.close();
    }
  });
});
