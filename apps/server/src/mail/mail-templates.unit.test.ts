import { describe, expect, it } from 'vitest';
import type { AboutEvent, MailEvent, MailKind, MailTemplate } from './mail-message';
import { loadMailTemplates } from './templates';
import { escapeHtml, formatEventSpan, formatEventTime, formatLeadTime, formatUtc } from './templates/format';
import { mailKinds } from './templates/index';

const hostile = '<img src=x onerror=alert(1)>';
const at = new Date('2026-03-04T05:06:07Z');
const link = 'http://turnout.test/reset-password#token=abc_DEF-123&x="1"';

/** An event whose title and place carry markup and an ampersand, in Berlin, read from London. */
const event: MailEvent = {
  id: '00000000-0000-4000-8000-000000000001',
  title: 'Board games & <b>pizza</b>',
  locationType: 'venue',
  location: 'Café <i>Kiez</i>, Berlin',
  startsAt: '2026-12-04T18:00:00.000Z',
  endsAt: '2026-12-04T20:00:00.000Z',
  timezone: 'Europe/Berlin',
};
const about: AboutEvent = {
  name: hostile,
  event,
  readerTimeZone: 'Europe/London',
  eventUrl: `https://turnout.test/events/${event.id}?a=1&b=2`,
  unsubscribe: { pageUrl: 'https://turnout.test/unsubscribe#token=tok&topic=x', oneClickUrl: 'https://turnout.test/api/unsubscribe/tok' },
};
const ics = 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR';
const announcementBody = 'Bring <script>alert(3)</script> snacks & drinks.\nDoors open at 18:30.\r\n\nSee you!';

/** One template of every kind, each carrying the hostile name. */
const examples: { [K in MailKind]: Extract<MailTemplate, { kind: K }> } = {
  verify_email: { kind: 'verify_email', name: hostile, link, expiresHours: 48 },
  password_reset: { kind: 'password_reset', name: hostile, link, expiresMinutes: 30 },
  password_changed: { kind: 'password_changed', name: hostile, at },
  email_changed: { kind: 'email_changed', name: hostile, newEmail: '"><script>alert(2)</script>@evil.test', at },
  two_factor_changed: { kind: 'two_factor_changed', name: hostile, enabled: true, at },
  event_reminder: { kind: 'event_reminder', minutesBefore: 60, ...about },
  announcement: { kind: 'announcement', authorName: 'Grace <Hopper>', body: announcementBody, ...about },
  event_changed: {
    kind: 'event_changed',
    changes: ['place', 'time'],
    previous: { ...event, location: 'Old <hall>', startsAt: '2026-12-03T18:00:00.000Z', endsAt: '2026-12-03T20:00:00.000Z' },
    calendar: { method: 'REQUEST', ics },
    ...about,
  },
  event_cancelled: {
    kind: 'event_cancelled',
    calendar: { method: 'CANCEL', ics: ics.replace('REQUEST', 'CANCEL') },
    ...about,
    eventUrl: 'https://turnout.test/',
  },
  join_confirmation: { kind: 'join_confirmation', promoted: false, calendar: { method: 'REQUEST', ics }, ...about },
  organizer_digest: {
    kind: 'organizer_digest',
    name: hostile,
    day: '2026-12-03',
    readerTimeZone: null,
    events: [
      { title: event.title, url: 'https://turnout.test/events/1', joins: 9, leaves: 2, joinedCount: 30, waitlistCount: 4, capacity: 30 },
      { title: 'Open <mic>', url: 'https://turnout.test/events/2', joins: 3, leaves: 1, joinedCount: 12, waitlistCount: 0, capacity: null },
    ],
    unsubscribe: about.unsubscribe,
  },
};
const all = Object.values(examples) as MailTemplate[];
const accountKinds: readonly MailKind[] = ['verify_email', 'password_reset', 'password_changed', 'email_changed', 'two_factor_changed'];
const eventMails = all.filter((t) => !accountKinds.includes(t.kind));
/** What each event mail's unsubscribe link turns off, as it says. */
const topicOf: Partial<Record<MailKind, string>> = {
  event_reminder: 'reminders',
  announcement: 'announcements',
  event_changed: 'event updates',
  event_cancelled: 'event updates',
  join_confirmation: 'event updates',
  organizer_digest: 'the daily digest',
};

describe('mail templates', async () => {
  const { renderMail } = await loadMailTemplates();

  it('covers every kind of mail', () => {
    expect([...mailKinds].sort()).toEqual(Object.keys(examples).sort());
  });

  it.each(all)('$kind renders a subject, a text part and a full HTML document', (template) => {
    const mail = renderMail(template);
    // Account mails name Turnout; event mails name the event (titles are single-line text).
    if (accountKinds.includes(template.kind)) expect(mail.subject).toMatch(/Turnout/);
    else if (template.kind !== 'organizer_digest') expect(mail.subject).toContain(event.title);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    if (accountKinds.includes(template.kind)) expect(mail.subject).not.toMatch(/[<>]/);
    expect(mail.text).toContain('Hi <img src=x onerror=alert(1)>,');
    expect(mail.html).toMatch(/^<!doctype html>/i);
    expect(mail.html).toContain('</html>');
    // Every slot was filled and MJML left no element of its own behind.
    expect(mail.html).not.toMatch(/\{\{|<mj-/);
  });

  it.each(all)('$kind escapes what users wrote: no markup of theirs reaches the HTML', (template) => {
    const { html } = renderMail(template);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain(escapeHtml(hostile));
    if (template.kind === 'email_changed') expect(html).toContain('&#34;&#62;&#60;script&#62;alert(2)&#60;/script&#62;@evil.test');
    if (!accountKinds.includes(template.kind)) {
      expect(html).not.toMatch(/<b>|<i>|<mic>|<hall>|<Hopper>/);
      expect(html).toContain(escapeHtml(event.title));
    }
  });

  it.each(all)('$kind reads in dark mode and on phones', (template) => {
    const { html } = renderMail(template);
    expect(html).toContain('<meta name="color-scheme" content="light dark" />');
    expect(html).toMatch(/@media \(prefers-color-scheme: dark\) \{[^}]*background: #0e0e12 !important/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    // No font or image is fetched from elsewhere when the mail is opened.
    expect(html).not.toMatch(/fonts\.googleapis|<img/);
    // Text is never smaller than 16px.
    const sizes = [...html.matchAll(/font-size:\s*(\d+)px/g)].map((m) => Number(m[1])).filter((px) => px > 1);
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(16);
  });

  it.each([examples.verify_email, examples.password_reset])('$kind carries its link in both parts, and a big button', (template) => {
    const { html, text } = renderMail(template);
    expect(text).toContain(`\n${link}\n`);
    expect(html).toContain(`href="${escapeHtml(link)}"`);
    expect(html).toMatch(/font-size:18px[^"]*"[^>]*>\s*Choose a new password|font-size:18px[^"]*"[^>]*>\s*Confirm email address/);
    expect(html).toContain('.t-button table { width: 100% !important; }');
  });

  it('says how long a link lasts', () => {
    expect(renderMail(examples.password_reset).text).toContain('for 30 minutes');
    expect(renderMail(examples.password_reset).html).toContain('for 30 minutes');
    expect(renderMail(examples.verify_email).text).toContain('for 48 hours');
    expect(renderMail(examples.verify_email).html).toContain('for 48 hours');
  });

  it.each([examples.password_changed, examples.email_changed, examples.two_factor_changed])(
    '$kind names the time in UTC, saying so',
    (template) => {
      const { html, text } = renderMail(template);
      expect(formatUtc(at)).toBe('4 March 2026 at 05:06 UTC');
      expect(text).toContain('4 March 2026 at 05:06 UTC');
      expect(html).toContain('4 March 2026 at 05:06 UTC');
    },
  );

  it('tells the new address in an address change, and whether two-factor went on or off', () => {
    expect(renderMail({ ...examples.email_changed, newEmail: 'new@example.test' }).text).toContain('changed to new@example.test');
    const on = renderMail({ ...examples.two_factor_changed, enabled: true });
    const off = renderMail({ ...examples.two_factor_changed, enabled: false });
    expect(on.subject).toBe('Two-factor sign-in is on for your Turnout account');
    expect(off.subject).toBe('Two-factor sign-in was turned off for your Turnout account');
    expect(off.html).toContain('Two-factor sign-in was turned off');
    expect(on.text).toContain('recovery codes');
  });

  it.each(eventMails)('$kind says why it came and links to its unsubscribe page, in both parts', (template) => {
    const { html, text, listUnsubscribe } = renderMail(template);
    const topic = topicOf[template.kind];
    const reason =
      template.kind === 'organizer_digest'
        ? 'You get this mail because you turned on the daily digest'
        : `You get this mail because you joined ${event.title} on Turnout.`;
    expect(text).toContain(reason);
    expect(html).toContain(escapeHtml(reason));
    expect(text).toContain(`Unsubscribe from ${topic}: ${about.unsubscribe.pageUrl}\n`);
    expect(html).toMatch(new RegExp(`<a href="${escapeHtml(about.unsubscribe.pageUrl)}"[^>]*>Unsubscribe from ${topic}</a>`));
    // The account footer is for account mails.
    expect(text).not.toContain('never asks for your password');
    expect(html).not.toContain('never asks for your password');
    expect(listUnsubscribe).toBe(about.unsubscribe.oneClickUrl);
  });

  it('sends the calendar document with the mails that change a calendar, and no unsubscribe header with account mails', () => {
    expect(renderMail(examples.event_changed).calendar).toEqual({ method: 'REQUEST', ics });
    expect(renderMail(examples.join_confirmation).calendar).toEqual({ method: 'REQUEST', ics });
    expect(renderMail(examples.event_cancelled).calendar?.method).toBe('CANCEL');
    for (const kind of ['event_reminder', 'announcement', 'organizer_digest'] as const)
      expect(renderMail(examples[kind])).not.toHaveProperty('calendar');
    for (const kind of accountKinds) {
      const mail = renderMail(examples[kind]);
      expect(mail).not.toHaveProperty('listUnsubscribe');
      expect(mail).not.toHaveProperty('calendar');
    }
  });

  it('escapes an announcement, keeping its line breaks', () => {
    const { html, text, subject } = renderMail(examples.announcement);
    expect(subject).toBe('Board games & <b>pizza</b>: update from Grace <Hopper>');
    expect(html).not.toContain('<script');
    expect(html).toContain(
      'Bring &#60;script&#62;alert(3)&#60;/script&#62; snacks &#38; drinks.<br />Doors open at 18:30.<br /><br />See you!',
    );
    expect(text).toContain('Bring <script>alert(3)</script> snacks & drinks.\nDoors open at 18:30.\n\nSee you!\n');
    expect(text).not.toContain('\r');
  });

  it('gives event times in the event’s zone and the reader’s, or in UTC when the reader chose none', () => {
    const berlinAndLondon = 'Friday 4 December 2026, 19:00–21:00 (Europe/Berlin) — 18:00–20:00 in your time zone (Europe/London)';
    for (const kind of ['event_reminder', 'announcement', 'event_changed', 'join_confirmation', 'event_cancelled'] as const) {
      const { html, text } = renderMail(examples[kind]);
      expect(text).toContain(berlinAndLondon);
      expect(html).toContain(berlinAndLondon);
    }
    const inUtc = renderMail({ ...examples.event_reminder, readerTimeZone: null });
    expect(inUtc.text).toContain('When: Friday 4 December 2026, 19:00–21:00 (Europe/Berlin) — 18:00–20:00 UTC\n');
    const sameZone = renderMail({ ...examples.event_reminder, readerTimeZone: 'Europe/Berlin' });
    expect(sameZone.text).toContain('When: Friday 4 December 2026, 19:00–21:00 (Europe/Berlin)\n');
  });

  it('formats event times across days and daylight-saving changes', () => {
    expect(formatEventTime('2026-12-04T18:00:00Z', 'Europe/Berlin', 'Europe/London')).toBe(
      'Friday 4 December 2026, 19:00 (Europe/Berlin) — 18:00 in your time zone (Europe/London)',
    );
    // On another day for the reader: their reading names its date.
    expect(formatEventTime('2026-12-04T18:00:00Z', 'Europe/Berlin', 'Asia/Tokyo')).toBe(
      'Friday 4 December 2026, 19:00 (Europe/Berlin) — Saturday 5 December 2026, 03:00 in your time zone (Asia/Tokyo)',
    );
    // New York moved its clocks on 8 March 2026, Berlin not until 29 March: four hours apart, not six.
    expect(formatEventTime('2026-03-10T18:00:00Z', 'Europe/Berlin', 'America/New_York')).toBe(
      'Tuesday 10 March 2026, 19:00 (Europe/Berlin) — 14:00 in your time zone (America/New_York)',
    );
    expect(formatEventTime('2026-03-31T17:00:00Z', 'Europe/Berlin', 'America/New_York')).toBe(
      'Tuesday 31 March 2026, 19:00 (Europe/Berlin) — 13:00 in your time zone (America/New_York)',
    );
    // Across the night the clocks went back: 00:30 CEST to 02:30 CET is three hours.
    expect(formatEventSpan('2026-10-24T22:30:00Z', '2026-10-25T01:30:00Z', 'Europe/Berlin', null)).toBe(
      'Sunday 25 October 2026, 00:30–02:30 (Europe/Berlin) — Saturday 24 October 2026, 22:30 – Sunday 25 October 2026, 01:30 UTC',
    );
    expect(formatEventTime('2026-06-01T00:05:00Z', 'UTC', null)).toBe('Monday 1 June 2026, 00:05 (UTC)');
  });

  it('says how far ahead a reminder is', () => {
    expect(formatLeadTime(60)).toBe('in 1 hour');
    expect(formatLeadTime(1440)).toBe('tomorrow');
    expect(formatLeadTime(15)).toBe('in 15 minutes');
    expect(formatLeadTime(1)).toBe('in 1 minute');
    expect(formatLeadTime(90)).toBe('in 1 hour 30 minutes');
    expect(formatLeadTime(2880)).toBe('in 2 days');
    expect(formatLeadTime(10_080)).toBe('in 1 week');
    expect(formatLeadTime(20_160)).toBe('in 2 weeks');
    expect(renderMail(examples.event_reminder).subject).toBe('Reminder: Board games & <b>pizza</b> starts in 1 hour');
    expect(renderMail({ ...examples.event_reminder, minutesBefore: 1440 }).subject).toBe(
      'Reminder: Board games & <b>pizza</b> starts tomorrow',
    );
    expect(renderMail({ ...examples.event_reminder, minutesBefore: 90 }).text).toContain('starts in 1 hour 30 minutes.');
  });

  it('says what an edit changed, old and new', () => {
    const { subject, text, html } = renderMail(examples.event_changed);
    expect(subject).toBe('Board games & <b>pizza</b> changed: new time and place');
    expect(text).toContain(
      'Time: it was Thursday 3 December 2026, 19:00–21:00 (Europe/Berlin) — 18:00–20:00 in your time zone (Europe/London); it is now Friday 4 December 2026, 19:00–21:00 (Europe/Berlin) — 18:00–20:00 in your time zone (Europe/London).\nPlace: it was Old <hall>; it is now Café <i>Kiez</i>, Berlin.',
    );
    expect(html).toContain('Place: it was Old &#60;hall&#62;; it is now Café &#60;i&#62;Kiez&#60;/i&#62;, Berlin.');
    expect(text).toContain('invite.ics');
    const retitled = renderMail({
      ...examples.event_changed,
      changes: ['title', 'description', 'duration'],
      previous: { ...event, title: 'Chess' },
    });
    expect(retitled.subject).toBe('Board games & <b>pizza</b> changed: new duration, title and description');
    expect(retitled.text).toContain('Title: it was Chess; it is now Board games & <b>pizza</b>.');
  });

  it('tells a cancellation, a seat and a seat from the waitlist', () => {
    const cancelled = renderMail(examples.event_cancelled);
    expect(cancelled.subject).toBe('Board games & <b>pizza</b> is cancelled');
    expect(cancelled.text).toContain('It was to be: Friday 4 December 2026, 19:00–21:00 (Europe/Berlin)');
    expect(cancelled.html).toContain('href="https://turnout.test/"');
    const joined = renderMail(examples.join_confirmation);
    expect(joined.subject).toBe('You’re going to Board games & <b>pizza</b>');
    expect(joined.text).toContain('The invitation in this mail (invite.ics) adds the event to your calendar.');
    expect(joined.html).toContain(`href="${escapeHtml(about.eventUrl)}"`);
    const promoted = renderMail({ ...examples.join_confirmation, promoted: true });
    expect(promoted.subject).toBe('A seat opened up: you’re going to Board games & <b>pizza</b>');
    expect(promoted.text).toContain('waitlist');
  });

  it('names a place to be announced, an online event by its label or as "Online", and never a join link unless given', () => {
    const online = { ...event, locationType: 'online' as const, location: '' };
    const tba = renderMail({ ...examples.event_reminder, event: { ...event, location: '' } });
    expect(tba.text).toContain('\nWhere: Place to be announced\n');
    expect(tba.html).toContain('Where: Place to be announced');
    const reminder = renderMail({ ...examples.event_reminder, event: online });
    expect(reminder.text).toContain('\nWhere: Online\n');
    expect(reminder.text).not.toContain('Join online');
    expect(renderMail({ ...examples.announcement, event: { ...online, location: 'Zoom' } }).text).toContain('\nWhere: Zoom\n');
    const changed = renderMail({ ...examples.event_changed, previous: event, event: { ...online, location: 'Zoom' } });
    expect(changed.text).toContain('Place: it was Café <i>Kiez</i>, Berlin; it is now Zoom.');
    expect(renderMail({ ...examples.event_cancelled, event: online }).text).toContain('\nAt: Online\n');
  });

  it('tells of a new join link, giving it only to someone with a seat', () => {
    const online = { ...event, locationType: 'online' as const, location: 'Zoom' };
    const changed = { ...examples.event_changed, event: online, previous: online, changes: ['link' as const] };
    const waiting = renderMail(changed);
    expect(waiting.subject).toBe('Board games & <b>pizza</b> changed: new join link');
    expect(waiting.text).toContain('Join link: the organizer changed it; the event’s page shows it to everyone with a seat.');
    const seated = renderMail({ ...changed, joinUrl: 'https://meet.example.test/j/2' });
    expect(seated.text).toContain('Join link: the organizer changed it; the new one is below.');
    expect(seated.text).toContain('Join online: https://meet.example.test/j/2');
  });

  it('gives the join link to someone with a seat, as text and as a link', () => {
    const joinUrl = 'https://meet.example.test/j/123?pwd="x"&y=<1>';
    const online = { ...event, locationType: 'online' as const, location: 'Zoom' };
    for (const kind of ['event_reminder', 'join_confirmation', 'event_changed'] as const) {
      const { text, html } = renderMail({ ...examples[kind], event: online, joinUrl });
      expect(text).toContain(`\nWhere: Zoom\nJoin online: ${joinUrl}\n`);
      expect(html).toContain(`Where: Zoom<br /><a href="${escapeHtml(joinUrl)}"`);
      expect(html).toContain(`>${escapeHtml(joinUrl)}</a>`);
    }
  });

  it('sums up an organizer’s day, event by event', () => {
    const { subject, text, html } = renderMail(examples.organizer_digest);
    expect(subject).toBe('Your events yesterday: 12 joined, 3 left');
    expect(text).toContain('On Thursday 3 December 2026, 12 people joined your events and 3 people left.');
    expect(text).toContain(
      'Board games & <b>pizza</b>\n9 joined, 2 left · 30 of 30 seats taken, 4 on the waitlist\nhttps://turnout.test/events/1',
    );
    expect(text).toContain('Open <mic>\n3 joined, 1 left · 12 going\n');
    expect(html).toMatch(/<a href="https:\/\/turnout\.test\/events\/2"[^>]*>Open &#60;mic&#62;<\/a><br \/>3 joined, 1 left · 12 going/);
  });

  it('compiles once: later loads answer the same templates', async () => {
    expect(await loadMailTemplates()).toBe(await loadMailTemplates());
  });
});
