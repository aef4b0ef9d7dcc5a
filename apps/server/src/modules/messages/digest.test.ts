import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent } from '../../test/builders/events';
import { buildUser, confirmEmail } from '../../test/builders/users';
import { call, join, leave } from '../../test/harness/api';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';
import { mailsTo } from '../../test/harness/mailbox';
import { type SmtpSink, startSmtpSink } from '../../test/harness/smtp-sink';
import { MESSAGE_JOBS } from './messages.jobs';

// The digest covers the UTC day before its run: the app's clock runs a day ahead, so today's joins are "yesterday's".
const DAY = 86_400_000;
let sink: SmtpSink;
let t: TestApp;
beforeAll(async () => {
  sink = await startSmtpSink();
  t = await buildTestApp({ env: { SMTP_URL: sink.anonymousUrl }, now: () => new Date(Date.now() + DAY) });
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

const runDigest = () => t.app.turnout.jobs.enqueue(t.db.database.db, MESSAGE_JOBS.digest, {}, { singletonKey: MESSAGE_JOBS.digest });

describe('the daily digest', () => {
  it('mails each organizer who asked for it the day’s joins and leaves per event, once per day', async () => {
    const [keen, quiet] = [await buildUser(t, { role: 'organizer' }), await buildUser(t, { role: 'organizer' })];
    for (const organizer of [keen, quiet]) await confirmEmail(t, organizer);
    expect((await call(t, 'PATCH', '/api/me/preferences', { as: keen, body: { digest: true } })).statusCode).toBe(200);
    const busy = await buildEvent(t, keen, { title: 'Busy night', capacity: 10 });
    await buildEvent(t, keen, { title: 'Nobody came' });
    const elsewhere = await buildEvent(t, quiet, { title: 'Quiet night' });
    const people = await Promise.all([buildUser(t), buildUser(t), buildUser(t)]);
    for (const person of people) {
      await join(t, person, busy.id);
      await join(t, person, elsewhere.id);
    }
    await leave(t, people[0] as (typeof people)[number], busy.id);

    await runDigest();
    const [digest] = await sink.waitFor(() => mailsTo(sink, keen.email).some((m) => m.subject.includes('yesterday')), 15_000);
    const mail = mailsTo(sink, keen.email).find((m) => m.subject.includes('yesterday')) ?? digest;
    expect(mail?.text).toContain('Busy night');
    expect(mail?.text).not.toContain('Nobody came');
    expect(mail?.text).not.toContain('Quiet night');
    expect(mail?.subject).toMatch(/2 joined, 1 left/);
    expect(mail?.headers['list-unsubscribe']).toMatch(/\/api\/unsubscribe\//);

    // A second run the same day sends nothing more; an organizer who did not ask gets nothing.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await runDigest();
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(mailsTo(sink, keen.email).filter((m) => m.subject.includes('yesterday'))).toHaveLength(1);
    expect(mailsTo(sink, quiet.email)).toEqual([]);
  });
});
