import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent } from '../../test/builders/events';
import { buildConfirmedUser, type TestUser } from '../../test/builders/users';
import { call, join } from '../../test/harness/api';
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

const person = (role: 'joiner' | 'organizer' = 'joiner') => buildConfirmedUser(t, { role });
const preferencesOf = async (user: TestUser) => (await call(t, 'GET', '/api/me/preferences', { as: user })).json().preferences;
/** The one-click address a mail's List-Unsubscribe header names, as a path on the app. */
const oneClickPath = (header: string | undefined) => {
  const url = header?.match(/^<([^>]+)>$/)?.[1];
  if (!url) throw new Error(`no List-Unsubscribe URL in ${header}`);
  return new URL(url).pathname;
};
/** What a mail provider sends for RFC 8058: a form POST, no cookie, no Origin. */
const oneClick = (path: string) =>
  t.app.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'List-Unsubscribe=One-Click',
  });

describe('mail preferences', () => {
  it('start with every kind on but the digest, and change one at a time', async () => {
    const ada = await person();
    expect(await preferencesOf(ada)).toEqual({ reminders: true, announcements: true, changes: true, digest: false, timezone: null });
    const patched = await call(t, 'PATCH', '/api/me/preferences', { as: ada, body: { announcements: false, timezone: 'Europe/Lisbon' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().preferences).toEqual({
      reminders: true,
      announcements: false,
      changes: true,
      digest: false,
      timezone: 'Europe/Lisbon',
    });
    expect((await call(t, 'PATCH', '/api/me/preferences', { as: ada, body: { timezone: null } })).json().preferences.timezone).toBeNull();
  });

  it('refuse unknown fields, wrong types and unknown zones with 400, and anonymous callers with 401', async () => {
    const ada = await person();
    for (const body of [{ reminders: 'no' }, { timezone: 'Mars/Olympus' }, { timezone: 'x'.repeat(300) }, { admin: true }, []]) {
      expect((await call(t, 'PATCH', '/api/me/preferences', { as: ada, body })).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await preferencesOf(ada)).toMatchObject({ reminders: true, timezone: null });
    expect((await call(t, 'GET', '/api/me/preferences')).statusCode).toBe(401);
    expect((await call(t, 'PATCH', '/api/me/preferences', { body: { reminders: false } })).statusCode).toBe(401);
  });

  it('are honoured: announcements off means the notice but no mail', async () => {
    const organizer = await person('organizer');
    const [keen, quiet] = await Promise.all([person(), person()]);
    await call(t, 'PATCH', '/api/me/preferences', { as: quiet, body: { announcements: false } });
    const event = await buildEvent(t, organizer);
    await join(t, keen, event.id);
    await join(t, quiet, event.id);
    expect(
      (await call(t, 'POST', `/api/events/${event.id}/announcements`, { as: organizer, body: { body: 'Quiet please' } })).statusCode,
    ).toBe(201);
    await sink.waitFor(() => mailsTo(sink, keen.email).some((m) => m.text.includes('Quiet please')));
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(mailsTo(sink, quiet.email).filter((m) => m.text.includes('Quiet please'))).toEqual([]);
    const notices = (await call(t, 'GET', '/api/notifications', { as: quiet })).json().items;
    expect(notices.map((n: { type: string }) => n.type)).toContain('announcement');
  });
});

describe('one-click unsubscribe (RFC 8058)', () => {
  it('turns off the mail’s own kind for its own reader only, with no login, and is idempotent', async () => {
    const organizer = await person('organizer');
    const [ada, bob] = await Promise.all([person(), person()]);
    const event = await buildEvent(t, organizer, { title: 'Meetup' });
    await join(t, ada, event.id);
    await join(t, bob, event.id);
    await call(t, 'POST', `/api/events/${event.id}/announcements`, { as: organizer, body: { body: 'First news' } });
    const [mail] = await sink.waitFor(() => mailsTo(sink, ada.email).some((m) => m.text.includes('First news')));
    const adaMail = mailsTo(sink, ada.email).find((m) => m.text.includes('First news')) ?? mail;
    const path = oneClickPath(adaMail?.headers['list-unsubscribe']);

    const first = await oneClick(path);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ topic: 'announcements' });
    expect((await oneClick(path)).statusCode).toBe(200);
    expect(await preferencesOf(ada)).toMatchObject({ announcements: false, reminders: true, changes: true });
    expect(await preferencesOf(bob)).toMatchObject({ announcements: true });

    // The visible link in the mail opens the page that asks, with the same token in the fragment.
    const token = path.split('/').pop() as string;
    expect(adaMail?.text).toContain(`/unsubscribe#token=${token}`);
    const opened = await t.app.inject({ method: 'GET', url: path });
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe(`/unsubscribe#token=${encodeURIComponent(token)}`);

    await call(t, 'POST', `/api/events/${event.id}/announcements`, { as: organizer, body: { body: 'Second news' } });
    await sink.waitFor(() => mailsTo(sink, bob.email).some((m) => m.text.includes('Second news')));
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(mailsTo(sink, ada.email).filter((m) => m.text.includes('Second news'))).toEqual([]);
  });

  it('answers 404 for a token altered to another user or kind, or made up, and changes nothing', async () => {
    const organizer = await person('organizer');
    const [ada, bob] = await Promise.all([person(), person()]);
    const event = await buildEvent(t, organizer);
    await join(t, ada, event.id);
    await call(t, 'POST', `/api/events/${event.id}/announcements`, { as: organizer, body: { body: 'Token news' } });
    await sink.waitFor(() => mailsTo(sink, ada.email).some((m) => m.text.includes('Token news')));
    const path = oneClickPath(mailsTo(sink, ada.email).find((m) => m.text.includes('Token news'))?.headers['list-unsubscribe']);
    const [userId, topic, mac] = (path.split('/').pop() as string).split('.');
    expect(topic).toBe('announcements');
    for (const forged of [
      `${bob.user.id}.${topic}.${mac}`,
      `${userId}.reminders.${mac}`,
      `${userId}.${topic}.${mac?.slice(0, -2)}AA`,
      `${userId}.${topic}`,
      'nonsense',
      `${userId}.${topic}.${mac}.extra`,
    ]) {
      expect((await oneClick(`/api/unsubscribe/${encodeURIComponent(forged)}`)).statusCode, forged).toBe(404);
    }
    expect((await oneClick(`/api/unsubscribe/${'a'.repeat(500)}`)).statusCode).toBe(400);
    expect(await preferencesOf(ada)).toMatchObject({ announcements: true, reminders: true });
    expect(await preferencesOf(bob)).toMatchObject({ announcements: true, reminders: true });
  });
});
