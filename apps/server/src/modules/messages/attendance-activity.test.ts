import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../db/schema';
import { buildEvent } from '../../test/builders/events';
import { buildUser } from '../../test/builders/users';
import { call } from '../../test/harness/api';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';
import { eventually } from '../../test/harness/cluster-processes';
import { inPool, insertJoiners } from '../../test/harness/load';

const WINDOW_MS = 1000;
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ activityWindowMs: WINDOW_MS });
});
afterAll(() => t.close());

/** The organizer's grouped notices of one event, oldest first, with the counts they told. */
async function noticesOf(organizerId: string, eventId: string) {
  const rows = await t.db.database.db
    .select({ body: notifications.body, createdAt: notifications.createdAt })
    .from(notifications)
    .where(and(eq(notifications.userId, organizerId), eq(notifications.type, 'attendance_activity'), eq(notifications.eventId, eventId)))
    .orderBy(notifications.createdAt);
  const told = (body: string, what: 'joined' | 'left') =>
    Number(body.match(new RegExp(`([\\d,]+) (?:person|people) ${what}`))?.[1]?.replace(/,/g, '') ?? 0);
  return rows.map((row) => ({ body: row.body, joins: told(row.body, 'joined'), leaves: told(row.body, 'left') }));
}

describe('organizer notices of joins and leaves', () => {
  it('group a burst of 1 000 joins into a few notices that together count every join', { timeout: 120_000 }, async () => {
    const organizer = await buildUser(t, { role: 'organizer' });
    const event = await buildEvent(t, organizer, { title: 'Rush', capacity: 600 });
    const people = await insertJoiners(t, 1000);
    const started = Date.now();
    const answers = await inPool(
      people.map(
        (user) => () => t.app.inject({ method: 'PUT', url: `/api/events/${event.id}/participation`, headers: { cookie: user.cookie } }),
      ),
      50,
    );
    const elapsed = Date.now() - started;
    expect(answers.every((a) => a.statusCode === 200)).toBe(true);

    const notices = await eventually(
      'every join told',
      async () => {
        const found = await noticesOf(organizer.user.id, event.id);
        return found.reduce((sum, n) => sum + n.joins, 0) === 1000 ? found : undefined;
      },
      30_000,
    );
    // One notice per window at most while the joins came, and one after: never one per join.
    expect(notices.length).toBeLessThanOrEqual(Math.ceil(elapsed / WINDOW_MS) + 2);
    expect(notices.length).toBeLessThan(50);
    expect(notices.at(-1)?.body).toMatch(/600 of 600 seats taken, 400 waiting\.$/);

    // A leave after the burst is told in a notice of its own.
    const leaver = people[0];
    if (!leaver) throw new Error('no joiners');
    await t.app.inject({
      method: 'DELETE',
      url: `/api/events/${event.id}/participation`,
      headers: { cookie: leaver.cookie, origin: 'http://turnout.test' },
    });
    const after = await eventually(
      'the leave told',
      async () => {
        const found = await noticesOf(organizer.user.id, event.id);
        return found.some((n) => n.leaves === 1) ? found : undefined;
      },
      15_000,
    );
    expect(after.find((n) => n.leaves === 1)?.body).toBe('Rush: 1 person left. 600 of 600 seats taken, 399 waiting.');
    // The organizer reads them in their own list, like any notice.
    const listed = (await call(t, 'GET', '/api/notifications', { as: organizer })).json().items;
    expect(listed.filter((n: { type: string }) => n.type === 'attendance_activity').length).toBe(after.length);
  });
});
