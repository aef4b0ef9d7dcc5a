// The baseline of figures 10 and 11 (figure 9's, for mail about an event): the same announcement or
// reminder mails Turnout sends, rendered beforehand with Turnout's own templates and unsubscribe
// tokens, handed all at once to Turnout's own SMTP transport (nodemailer's pool, `smtpPoolOptions`,
// the same headers and parts) and the same SMTP sink. No queue, no database, no per-mail record.
// Run with `node --import tsx`. argv: {smtpUrl, from, origin}. For every stdin line (a MailBatch)
// it renders the mails (untimed), sends them and prints {"sent": {count, renderMs, sendMs}}.
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { MailEvent, MailTemplate } from '../../apps/server/src/mail/mail-message.ts';
import { loadMailTemplates } from '../../apps/server/src/mail/templates/index.ts';
import { createSmtpTransport, type OutgoingMail } from '../../apps/server/src/mail/transport.ts';
import { createUnsubscribeTokens } from '../../apps/server/src/modules/messages/unsubscribe-tokens.ts';

export interface BaselineInput {
  smtpUrl: string;
  from: string;
  origin: string;
}

export interface Recipient {
  userId: string;
  name: string;
  email: string;
}

/** What one run mails: each recipient the mail of `kind` about `event`. */
export type MailBatch = { event: MailEvent; recipients: Recipient[] } & (
  | { kind: 'announcement'; authorName: string; body: string }
  | { kind: 'event_reminder'; minutesBefore: number }
);

export interface Sent {
  count: number;
  renderMs: number;
  sendMs: number;
}

const { smtpUrl, from, origin } = JSON.parse(process.argv[2] ?? '{}') as BaselineInput;
const transport = createSmtpTransport(smtpUrl);
const { renderMail } = await loadMailTemplates();
const tokens = createUnsubscribeTokens(randomBytes(32));

function template(batch: MailBatch, reader: Recipient): MailTemplate {
  const topic = batch.kind === 'announcement' ? 'announcements' : 'reminders';
  const token = tokens.issue(reader.userId, topic);
  const about = {
    name: reader.name,
    event: batch.event,
    readerTimeZone: null,
    eventUrl: `${origin}/events/${batch.event.id}`,
    unsubscribe: { pageUrl: `${origin}/unsubscribe#token=${token}`, oneClickUrl: `${origin}/api/unsubscribe/${token}` },
  };
  return batch.kind === 'announcement'
    ? { kind: 'announcement', authorName: batch.authorName, body: batch.body, ...about }
    : { kind: 'event_reminder', minutesBefore: batch.minutesBefore, ...about };
}

async function send(batch: MailBatch): Promise<Sent> {
  const renderStarted = performance.now();
  const mails: OutgoingMail[] = batch.recipients.map((reader) => ({ from, to: reader.email, ...renderMail(template(batch, reader)) }));
  const started = performance.now();
  await Promise.all(mails.map((mail) => transport.send(mail)));
  return { count: mails.length, renderMs: started - renderStarted, sendMs: performance.now() - started };
}

const lines = createInterface({ input: process.stdin });
console.log(JSON.stringify({ ready: true }));
for await (const line of lines) {
  if (line.trim()) console.log(JSON.stringify({ sent: await send(JSON.parse(line) as MailBatch) }));
}
await transport.close();
process.exit(0);
