import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/harness/test-database';
import type { MailTemplate } from './mail-message';
import { createMailer } from './mailer';
import { createSmtpTransport, type MailTransport, type OutgoingMail } from './transport';

/** A mail as it reached the server: its raw text, headers and all, and its parsed parts. */
interface Received {
  to: string[];
  raw: string;
  parsed: ParsedMail;
}

/**
 * A real SMTP server on 127.0.0.1, like test/harness/smtp-sink.ts, that also keeps each message's
 * raw text and attachments: what is asserted here is the MIME structure, which the sink parses away.
 */
async function startRawSmtpServer() {
  const received: Received[] = [];
  const waiting = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((parsed) => {
            received.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), raw, parsed });
            callback();
            for (const wake of waiting) wake();
          })
          .catch((error: unknown) => callback(error as Error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = (server.server as unknown as { address(): AddressInfo }).address();
  return {
    url: `smtp://127.0.0.1:${port}`,
    /** The mail to `to`, once it arrived. */
    mailTo(to: string, timeoutMs = 10_000): Promise<Received> {
      const find = () => received.find((m) => m.to.includes(to.toLowerCase()));
      const found = find();
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const wake = () => {
          const mail = find();
          if (!mail) return;
          clearTimeout(timer);
          waiting.delete(wake);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          waiting.delete(wake);
          reject(new Error(`no mail to ${to} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.add(wake);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const ics = (method: 'REQUEST' | 'CANCEL') =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Turnout//Turnout//EN',
    `METHOD:${method}`,
    'BEGIN:VEVENT',
    'UID:e1@turnout',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
const oneClick = 'https://turnout.test/api/unsubscribe/tok_abc.reminders.sig';

/** The header lines of the top-level message, unfolded, each after a line break. */
const headerBlock = (raw: string) => `\r\n${raw.slice(0, raw.indexOf('\r\n\r\n'))}`.replace(/\r\n[ \t]+/g, ' ');
/** Each MIME part's headers and body, undecoded. */
const partsOf = (raw: string) => raw.split(/\r\n--[^\r\n]+\r\n/).slice(1);

describe('event mail over SMTP', () => {
  let server: Awaited<ReturnType<typeof startRawSmtpServer>>;
  let db: TestDatabase;
  const transports: MailTransport[] = [];
  beforeAll(async () => {
    [server, db] = await Promise.all([startRawSmtpServer(), createTestDatabase()]);
  });
  afterEach(async () => {
    await Promise.all(transports.splice(0).map((t) => t.close()));
  });
  afterAll(async () => {
    await Promise.all([server.close(), db.destroy()]);
  });

  const transport = () => {
    const t = createSmtpTransport(server.url);
    transports.push(t);
    return t;
  };
  const mail = (overrides: Partial<OutgoingMail>): OutgoingMail => ({
    from: 'Turnout Test <noreply@turnout.test>',
    to: `user-${randomUUID()}@example.test`,
    subject: 'Board games changed: new time',
    text: 'The organizer changed Board games.',
    html: '<p>The organizer changed Board games.</p>',
    ...overrides,
  });

  it('carries the one-click unsubscribe headers, the invitation as a calendar part and as an .ics attachment', async () => {
    const sent = mail({ listUnsubscribe: oneClick, calendar: { method: 'REQUEST', ics: ics('REQUEST') } });
    await transport().send(sent);
    const { raw, parsed } = await server.mailTo(sent.to);

    const headers = headerBlock(raw);
    expect(headers).toContain(`\r\nList-Unsubscribe: <${oneClick}>`);
    expect(headers).toContain('\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(headers).toContain('\r\nAuto-Submitted: auto-generated');
    expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/mixed' });

    // The alternative calendar-aware clients turn into an invitation…
    expect(raw).toMatch(/^Content-Type: multipart\/alternative/im);
    const calendarPart = partsOf(raw).find((part) => /^Content-Type: text\/calendar/im.test(part));
    expect(calendarPart).toMatch(/^Content-Type: text\/calendar; charset=utf-8; method=REQUEST/im);
    const body = calendarPart?.slice(calendarPart.indexOf('\r\n\r\n') + 4) ?? '';
    const decoded = /^Content-Transfer-Encoding: base64/im.test(calendarPart ?? '') ? Buffer.from(body, 'base64').toString('utf8') : body;
    expect(decoded).toContain('METHOD:REQUEST');
    expect(decoded).toContain('UID:e1@turnout');
    // …next to the text and HTML parts…
    expect(parsed.text?.trim()).toBe('The organizer changed Board games.');
    expect(parsed.html).toContain('<p>The organizer changed Board games.</p>');
    // …and the file the others offer to open.
    const attachment = parsed.attachments.find((a) => a.filename === 'invite.ics');
    expect(attachment?.contentType).toBe('application/ics');
    expect(attachment?.contentDisposition).toBe('attachment');
    expect(attachment?.content.toString('utf8')).toBe(ics('REQUEST'));
  });

  it('sends a cancellation as method=CANCEL in cancel.ics', async () => {
    const sent = mail({ listUnsubscribe: oneClick, calendar: { method: 'CANCEL', ics: ics('CANCEL') } });
    await transport().send(sent);
    const { raw, parsed } = await server.mailTo(sent.to);

    expect(raw).toMatch(/^Content-Type: text\/calendar; charset=utf-8; method=CANCEL/im);
    const attachment = parsed.attachments.find((a) => a.filename === 'cancel.ics');
    expect(attachment?.content.toString('utf8')).toContain('METHOD:CANCEL');
  });

  it('leaves both out of a mail without them', async () => {
    const sent = mail({});
    await transport().send(sent);
    const { raw, parsed } = await server.mailTo(sent.to);

    expect(headerBlock(raw)).not.toMatch(/^List-Unsubscribe/im);
    expect(headerBlock(raw)).toContain('\r\nAuto-Submitted: auto-generated');
    expect(raw).not.toMatch(/text\/calendar|application\/ics/);
    expect(parsed.attachments).toEqual([]);
  });

  it('the mailer sends what the template carries: its one-click URL and its calendar document', async () => {
    const mailer = createMailer({
      db: db.database.db,
      transport: transport(),
      from: 'Turnout Test <noreply@turnout.test>',
      log: { info: () => {}, debug: () => {} } as never,
      keepBodies: false,
    });
    const event = {
      id: 'e1',
      title: 'Board games',
      locationType: 'venue' as const,
      location: 'Café Kiez',
      startsAt: '2026-12-04T18:00:00.000Z',
      endsAt: '2026-12-04T20:00:00.000Z',
      timezone: 'Europe/Berlin',
    };
    const template: MailTemplate = {
      kind: 'event_changed',
      name: 'Ada',
      event,
      previous: { ...event, startsAt: '2026-12-03T18:00:00.000Z', endsAt: '2026-12-03T20:00:00.000Z' },
      changes: ['time'],
      readerTimeZone: null,
      eventUrl: 'https://turnout.test/events/e1',
      unsubscribe: { pageUrl: 'https://turnout.test/unsubscribe#token=tok', oneClickUrl: oneClick },
      calendar: { method: 'REQUEST', ics: ics('REQUEST') },
    };
    const to = `user-${randomUUID()}@example.test`;
    await mailer.send(randomUUID(), to, template);
    const { raw, parsed } = await server.mailTo(to);

    expect(parsed.subject).toBe('Board games changed: new time');
    expect(headerBlock(raw)).toContain(`\r\nList-Unsubscribe: <${oneClick}>`);
    expect(headerBlock(raw)).toContain('\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(raw).toMatch(/^Content-Type: text\/calendar; charset=utf-8; method=REQUEST/im);
    expect(parsed.attachments.find((a) => a.filename === 'invite.ics')?.content.toString('utf8')).toBe(ics('REQUEST'));
    expect(parsed.text).toContain('Unsubscribe from event updates: https://turnout.test/unsubscribe#token=tok');
  });
});
