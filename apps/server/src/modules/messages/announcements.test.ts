import { ANNOUNCEMENT_BODY_MAX, ANNOUNCEMENTS_PER_HOUR } from '@turnout/contracts';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, notifications, participations } from '../../db/schema';
import { buildEvent } from '../../test/builders/events';
import { buildConfirmedUser, type TestUser } from '../../test/builders/users';
import { call, join } from '../../test/harness/api';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';
import { insertJoiners } from '../../test/harness/load';
import { mailsTo } from '../../test/harness/mailbox';
import { type SmtpSink, startSmtpSink } from '../../test/harness/smtp-sink';

let sink: SmtpSink;
let t: TestApp;
beforeAll(async () => {
  sink = await startSmtpSink();
  t = await buildTestApp({ env: { SMTP_URL: sink.anonymousUrl } });
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

const person = (role: 'joiner' | 'organizer' = 'joiner') => buildConfirmedUser(t, { role });
const announce = (as: TestUser | undefined, eventId: string, body: unknown) =>
  call(t, 'POST', `/api/events/${eventId}/announcements`, { as, body });
const announcementsSeenBy = async (user: TestUser) =>
  (
    await t.db.database.db
      .select({ body: notifications.body })
      .from(notifications)
      .where(and(eq(notifications.userId, user.user.id), eq(notifications.type, 'announcement')))
  ).map((row) => row.body);
const feedOf = async (user: TestUser, eventId: string) => call(t, 'GET', `/api/events/${eventId}/announcements`, { as: user });

/** An event with one seat: `seated` joined, `waiting` on the waitlist. */
async function smallEvent() {
  const organizer = await person('organizer');
  const [seated, waiting, outsider] = await Promise.all([person(), person(), person()]);
  const event = await buildEvent(t, organizer, { title: 'Workshop', capacity: 1 });
  await join(t, seated, event.id);
  await join(t, waiting, event.id);
  return { organizer, seated, waiting, outsider, event };
}

describe('announcements', () => {
  it('reach their audience only: the joined, the waitlisted, or all, as a notification and a mail', async () => {
    const { organizer, seated, waiting, outsider, event } = await smallEvent();
    const posted = await announce(organizer, event.id, { body: 'Doors open at 7.\nBring a laptop.', audience: 'joined' });
    expect(posted.statusCode).toBe(201);
    expect(posted.json().announcement).toMatchObject({
      eventId: event.id,
      audience: 'joined',
      recipientCount: 1,
      body: 'Doors open at 7.\nBring a laptop.',
    });
    expect((await announce(organizer, event.id, { body: 'A seat may free up.', audience: 'waitlisted' })).statusCode).toBe(201);
    expect((await announce(organizer, event.id, { body: 'See you all.' })).json().announcement).toMatchObject({
      audience: 'all',
      recipientCount: 2,
    });

    expect(await announcementsSeenBy(seated)).toEqual(expect.arrayContaining(['Doors open at 7.\nBring a laptop.', 'See you all.']));
    expect(await announcementsSeenBy(seated)).toHaveLength(2);
    expect((await announcementsSeenBy(waiting)).sort()).toEqual(['A seat may free up.', 'See you all.']);
    expect(await announcementsSeenBy(outsider)).toEqual([]);
    expect(await announcementsSeenBy(organizer)).toEqual([]);

    await sink.waitFor(() => mailsTo(sink, seated.email).length >= 2 && mailsTo(sink, waiting.email).length >= 2);
    const mail = mailsTo(sink, seated.email).find((m) => m.text.includes('Doors open at 7.'));
    expect(mail?.subject).toContain('Workshop');
    expect(mail?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');

    // The Updates feed: the organizer reads all, each attendee what was addressed to them, others nothing.
    expect((await feedOf(organizer, event.id)).json().items.map((a: { body: string }) => a.body)).toEqual([
      'See you all.',
      'A seat may free up.',
      'Doors open at 7.\nBring a laptop.',
    ]);
    expect((await feedOf(seated, event.id)).json().items.map((a: { audience: string }) => a.audience)).toEqual(['all', 'joined']);
    expect((await feedOf(waiting, event.id)).json().items.map((a: { audience: string }) => a.audience)).toEqual(['all', 'waitlisted']);
    expect((await feedOf(outsider, event.id)).statusCode).toBe(403);
  });

  it('are posted by the event’s organizer only', async () => {
    const { seated, outsider, event } = await smallEvent();
    const otherOrganizer = await person('organizer');
    expect((await announce(undefined, event.id, { body: 'Hi' })).statusCode).toBe(401);
    expect((await announce(seated, event.id, { body: 'Hi' })).statusCode).toBe(403);
    expect((await announce(outsider, event.id, { body: 'Hi' })).statusCode).toBe(403);
    expect((await announce(otherOrganizer, event.id, { body: 'Hi' })).statusCode).toBe(403);
    expect((await feedOf(otherOrganizer, event.id)).statusCode).toBe(403);
    expect((await call(t, 'GET', `/api/events/${event.id}/announcements`)).statusCode).toBe(401);
    expect((await announce(otherOrganizer, '00000000-0000-4000-8000-000000000000', { body: 'Hi' })).statusCode).toBe(404);
    expect(await announcementsSeenBy(seated)).toEqual([]);
  });

  it('refuse empty, oversized or control-character bodies and unknown audiences with 400, storing nothing', async () => {
    const { organizer, seated, event } = await smallEvent();
    for (const body of [
      { body: '' },
      { body: '   ' },
      { body: 'x'.repeat(ANNOUNCEMENT_BODY_MAX + 1) },
      { body: 'nul \u0000 byte' },
      { body: 'lone \ud800 surrogate' },
      { body: 'Hi', audience: 'everyone' },
      { audience: 'all' },
    ]) {
      expect((await announce(organizer, event.id, body)).statusCode, JSON.stringify(body).slice(0, 40)).toBe(400);
    }
    expect((await feedOf(organizer, event.id)).json().items).toEqual([]);
    expect(await announcementsSeenBy(seated)).toEqual([]);
  });

  it(`are limited to ${ANNOUNCEMENTS_PER_HOUR} an hour per event, with Retry-After, even when sent at once`, async () => {
    const { organizer, event } = await smallEvent();
    const other = await buildEvent(t, organizer);
    const answers = await Promise.all(
      Array.from({ length: ANNOUNCEMENTS_PER_HOUR + 3 }, (_, i) => announce(organizer, event.id, { body: `Update ${i}` })),
    );
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(ANNOUNCEMENTS_PER_HOUR);
    const refused = answers.filter((a) => a.statusCode === 429);
    expect(refused).toHaveLength(3);
    expect(Number(refused[0]?.headers['retry-after'])).toBeGreaterThan(3000);
    expect(refused[0]?.json().error.message).toMatch(/announcements an hour/);
    // Another event of the same organizer has its own allowance.
    expect((await announce(organizer, other.id, { body: 'Elsewhere' })).statusCode).toBe(201);
  });
});

describe('an announcement to a large event', () => {
  it('reaches 11 000 attendees, more than one statement can bind a row each for', { timeout: 120_000 }, async () => {
    const organizer = await person('organizer');
    const event = await buildEvent(t, organizer, { title: 'Stadium' });
    const crowd = await insertJoiners(t, 11_000);
    const db = t.db.database.db;
    for (let i = 0; i < crowd.length; i += 5000) {
      await db
        .insert(participations)
        .values(crowd.slice(i, i + 5000).map((user) => ({ eventId: event.id, userId: user.id, status: 'joined' as const })));
    }
    await db.update(events).set({ joinedCount: crowd.length }).where(eq(events.id, event.id));
    const posted = await announce(organizer, event.id, { body: 'Gates open at six.' });
    expect(posted.statusCode).toBe(201);
    expect(posted.json().announcement.recipientCount).toBe(11_000);
    const [told] = await db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.eventId, event.id), eq(notifications.type, 'announcement')));
    expect(told?.n).toBe(11_000);
  });
});
