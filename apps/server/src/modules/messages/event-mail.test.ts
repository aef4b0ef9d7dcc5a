import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, daysFromNow } from '../../test/builders/events';
import { buildConfirmedUser, buildUser, type TestUser } from '../../test/builders/users';
import { call, join, leave } from '../../test/harness/api';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';
import { mailsTo } from '../../test/harness/mailbox';
import { type SinkMessage, type SmtpSink, startSmtpSink } from '../../test/harness/smtp-sink';

let sink: SmtpSink;
let t: TestApp;
beforeAll(async () => {
  sink = await startSmtpSink();
  // Confirmations leave with the event's next activity run: a short window keeps the test short.
  t = await buildTestApp({ env: { SMTP_URL: sink.anonymousUrl }, activityWindowMs: 500 });
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

const person = (role: 'joiner' | 'organizer' = 'joiner') => buildConfirmedUser(t, { role });
/** The mail's iCalendar attachment, lines unfolded (RFC 5545 §3.1). */
const calendarOf = (mail: SinkMessage | undefined) =>
  (mail?.attachments.find((a) => a.filename?.endsWith('.ics'))?.content ?? '').replace(/\r\n[ \t]/g, '');
const mailWith = async (user: TestUser, subject: string | RegExp) => {
  const matches = (m: SinkMessage) => (typeof subject === 'string' ? m.subject === subject : subject.test(m.subject));
  await sink.waitFor(() => mailsTo(sink, user.email).some(matches), 15_000);
  return mailsTo(sink, user.email).find(matches);
};

describe('mail about events', () => {
  it('confirms a seat with a calendar invitation, for a join and for a seat from the waitlist', async () => {
    const organizer = await person('organizer');
    const [ada, wes, unverified] = await Promise.all([person(), person(), buildUser(t)]);
    const event = await buildEvent(t, organizer, { title: 'Tiny dinner', capacity: 1 });
    await join(t, ada, event.id);
    await join(t, wes, event.id);
    const confirmation = await mailWith(ada, 'You’re going to Tiny dinner');
    expect(confirmation?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const ics = calendarOf(confirmation);
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain(`UID:${event.id}@turnout`);
    expect(ics).toMatch(new RegExp(`ATTENDEE[^\\r\\n]*:mailto:${ada.email}`, 'i'));

    // Waiting gets no confirmation; being seated does, saying how.
    expect(mailsTo(sink, wes.email)).toEqual([]);
    await leave(t, ada, event.id);
    const promoted = await mailWith(wes, /Tiny dinner/);
    expect(promoted?.subject).toMatch(/seat opened up/i);
    expect(calendarOf(promoted)).toContain('METHOD:REQUEST');

    // An address not yet confirmed gets nothing but its confirmation link.
    const other = await buildEvent(t, organizer, { title: 'Open house' });
    await join(t, unverified, other.id);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(mailsTo(sink, unverified.email).filter((m) => m.subject.includes('Open house'))).toEqual([]);
  });

  it('gives an online event’s join link to those with a seat, in the mail and its invitation, and never to the waitlist', async () => {
    const organizer = await person('organizer');
    const [ada, wes] = await Promise.all([person(), person()]);
    const firstLink = 'https://meet.example.test/j/first';
    const event = await buildEvent(t, organizer, {
      title: 'Remote',
      capacity: 1,
      locationType: 'online',
      location: 'Zoom',
      onlineUrl: firstLink,
    });
    await join(t, ada, event.id);
    await join(t, wes, event.id);
    const confirmation = await mailWith(ada, 'You’re going to Remote');
    expect(confirmation?.text).toContain(`Where: Zoom\nJoin online: ${firstLink}\n`);
    expect(confirmation?.html).toContain(`href="${firstLink}"`);
    const invite = calendarOf(confirmation);
    expect(invite).toContain(`Join online: ${firstLink}`);
    expect(invite).not.toMatch(/^LOCATION/m);

    // A new link is mailed to everyone on the event; only the seated one gets it.
    const newLink = 'https://meet.example.test/j/second';
    const edited = await call(t, 'PATCH', `/api/events/${event.id}`, {
      as: organizer,
      body: { onlineUrl: newLink, version: (await call(t, 'GET', `/api/events/${event.id}`, { as: organizer })).json().event.version },
    });
    expect(edited.statusCode).toBe(200);
    const seated = await mailWith(ada, 'Remote changed: new join link');
    expect(seated?.text).toContain(`Join online: ${newLink}`);
    expect(calendarOf(seated)).toContain(`Join online: ${newLink}`);
    const waiting = await mailWith(wes, 'Remote changed: new join link');
    expect(waiting?.text).toContain('the event’s page shows it to everyone with a seat');
    for (const mail of mailsTo(sink, wes.email)) {
      expect(mail.text).not.toContain('meet.example.test');
      expect(mail.html).not.toContain('meet.example.test');
      expect(calendarOf(mail)).not.toContain('meet.example.test');
    }
  });

  it('sends no confirmation to someone who left before it went', async () => {
    const organizer = await person('organizer');
    const fickle = await person();
    const event = await buildEvent(t, organizer, { title: 'Blink' });
    await join(t, fickle, event.id);
    await leave(t, fickle, event.id);
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(mailsTo(sink, fickle.email)).toEqual([]);
  });

  it('tells attendees what an edit changed, and a cancellation with METHOD:CANCEL to those who left too', async () => {
    const organizer = await person('organizer');
    const [ada, lea, wes] = await Promise.all([person(), person(), person()]);
    const event = await buildEvent(t, organizer, { title: 'Launch', location: 'Room 1' });
    for (const user of [ada, lea, wes]) await join(t, user, event.id);
    await leave(t, lea, event.id);
    await mailWith(ada, 'You’re going to Launch');

    const newStart = daysFromNow(9);
    const edited = await call(t, 'PATCH', `/api/events/${event.id}`, {
      as: organizer,
      body: {
        startsAt: newStart,
        location: 'Room 2',
        version: (await call(t, 'GET', `/api/events/${event.id}`, { as: organizer })).json().event.version,
      },
    });
    expect(edited.statusCode).toBe(200);
    const changed = await mailWith(ada, /^Launch changed/);
    expect(changed?.text).toContain('Room 1');
    expect(changed?.text).toContain('Room 2');
    const update = calendarOf(changed);
    expect(update).toContain('METHOD:REQUEST');
    expect(update).toContain('LOCATION:Room 2');
    expect(mailsTo(sink, lea.email).filter((m) => m.subject.startsWith('Launch changed'))).toEqual([]);

    // A title-only edit changes nothing anyone has to plan around: no mail.
    const version = edited.json().event.version;
    await call(t, 'PATCH', `/api/events/${event.id}`, { as: organizer, body: { title: 'Launch party', version } });

    expect((await call(t, 'DELETE', `/api/events/${event.id}`, { as: organizer })).statusCode).toBe(204);
    for (const user of [ada, lea, wes]) {
      const cancelled = await mailWith(user, /is cancelled$/);
      const cancel = calendarOf(cancelled);
      expect(cancel).toContain('METHOD:CANCEL');
      expect(cancel).toContain(`UID:${event.id}@turnout`);
    }
    expect(mailsTo(sink, ada.email).filter((m) => m.subject.includes('changed'))).toHaveLength(1);
  });
});
