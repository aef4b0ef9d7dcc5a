import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, reminderDeliveries } from '../../db/schema';
import { buildEvent } from '../../test/builders/events';
import { buildConfirmedUser, type TestUser } from '../../test/builders/users';
import { call, join, leave } from '../../test/harness/api';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';
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

const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
const person = (role: 'joiner' | 'organizer' = 'joiner') => buildConfirmedUser(t, { role });
const remindersOf = async (user: TestUser) =>
  t.db.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, user.user.id), eq(notifications.type, 'reminder')));
const reminderMailsTo = (user: TestUser) => mailsTo(sink, user.email).filter((m) => m.subject.startsWith('Reminder'));

describe('reminders', () => {
  // One wait for every case: each event's one-minute reminder falls due a few seconds from now.
  it('reach each joined attendee once, follow an edit, and skip the waitlist, leavers and deleted events', {
    timeout: 90_000,
  }, async () => {
    const organizer = await person('organizer');
    const [ada, lea, wes, wynn, mover, gone] = await Promise.all([person(), person(), person(), person(), person(), person()]);

    // Two seats: Ada and Lea join, Wes and Wynn wait; Lea leaves, so Wes is seated and Wynn still waits.
    const seated = await buildEvent(t, organizer, { title: 'Seated', startsAt: inSeconds(66), capacity: 2, reminders: [1] });
    for (const user of [ada, lea, wes, wynn]) expect((await join(t, user, seated.id)).statusCode).toBe(200);
    expect((await leave(t, lea, seated.id)).statusCode).toBe(200);

    // Moved five seconds later before its reminder was due: the reminder goes at the new time, once.
    const moved = await buildEvent(t, organizer, { title: 'Moved', startsAt: inSeconds(64), reminders: [1] });
    await join(t, mover, moved.id);
    const newStart = inSeconds(70);
    const edit = await call(t, 'PATCH', `/api/events/${moved.id}`, {
      as: organizer,
      body: { startsAt: newStart, version: moved.version + 1 },
    });
    expect(edit.statusCode).toBe(200);

    // Deleted before its reminder: nothing but the cancellation.
    const deleted = await buildEvent(t, organizer, { title: 'Deleted', startsAt: inSeconds(64), reminders: [1] });
    await join(t, gone, deleted.id);
    expect((await call(t, 'DELETE', `/api/events/${deleted.id}`, { as: organizer })).statusCode).toBe(204);

    await sink.waitFor(
      () => reminderMailsTo(ada).length > 0 && reminderMailsTo(wes).length > 0 && reminderMailsTo(mover).length > 0,
      40_000,
    );
    // Long enough for a duplicate, a stale job or a retry to have shown.
    await new Promise((resolve) => setTimeout(resolve, 5000));

    for (const user of [ada, wes, mover]) {
      expect(reminderMailsTo(user)).toHaveLength(1);
      expect(await remindersOf(user)).toHaveLength(1);
    }
    for (const user of [lea, wynn, gone]) {
      expect(reminderMailsTo(user)).toHaveLength(0);
      expect(await remindersOf(user)).toHaveLength(0);
    }
    const [adaMail] = reminderMailsTo(ada);
    expect(adaMail?.subject).toBe('Reminder: Seated starts in 1 minute');
    expect(adaMail?.headers['list-unsubscribe']).toMatch(/^<http:\/\/turnout\.test\/api\/unsubscribe\/[^>]+>$/);
    expect(adaMail?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const [notice] = await remindersOf(ada);
    expect(notice).toMatchObject({ eventId: seated.id, title: 'Starts in 1 minute' });
    expect(notice?.body).toContain('(Europe/Berlin)');

    // The moved event's reminder was given for the new start, not the old one.
    const given = await t.db.database.db.select().from(reminderDeliveries).where(eq(reminderDeliveries.eventId, moved.id));
    expect(given.map((row) => row.startsAt)).toEqual([newStart]);
    expect(mailsTo(sink, gone.email).map((m) => m.subject)).toEqual(['Deleted is cancelled']);
  });

  it('gives the time in the reader’s own zone as well as the event’s, and an online event’s join link', { timeout: 60_000 }, async () => {
    const organizer = await person('organizer');
    const reader = await person();
    expect((await call(t, 'PATCH', '/api/me/preferences', { as: reader, body: { timezone: 'Asia/Tokyo' } })).statusCode).toBe(200);
    const joinUrl = 'https://meet.example.test/j/zones';
    const event = await buildEvent(t, organizer, {
      title: 'Zones',
      startsAt: inSeconds(64),
      reminders: [1],
      timezone: 'America/New_York',
      locationType: 'online',
      location: '',
      onlineUrl: joinUrl,
    });
    await join(t, reader, event.id);
    await sink.waitFor(() => reminderMailsTo(reader).length > 0, 40_000);
    const [notice] = await remindersOf(reader);
    expect(notice?.body).toContain('(America/New_York)');
    expect(notice?.body).toContain('your time (Asia/Tokyo)');
    expect(reminderMailsTo(reader)[0]?.text).toContain('Asia/Tokyo');
    expect(reminderMailsTo(reader)[0]?.text).toContain(`\nWhere: Online\nJoin online: ${joinUrl}\n`);
  });

  it('refuses more than three, or outside one minute to two weeks', async () => {
    const organizer = await person('organizer');
    for (const reminders of [[1, 2, 3, 4], [0], [20_161], [1.5], ['60']]) {
      const response = await call(t, 'POST', '/api/events', {
        as: organizer,
        body: { title: 'Bad', location: 'Here', startsAt: inSeconds(86_400), timezone: 'UTC', durationMinutes: 60, reminders },
      });
      expect(response.statusCode, JSON.stringify(reminders)).toBe(400);
    }
    const ok = await buildEvent(t, organizer, { reminders: [60, 20_160, 60] });
    expect(ok.reminders).toEqual([20_160, 60]);
    expect((await buildEvent(t, organizer)).reminders).toEqual([1440, 60]);
  });
});
