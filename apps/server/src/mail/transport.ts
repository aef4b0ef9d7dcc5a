import type { FastifyBaseLogger } from 'fastify';
import { createTransport } from 'nodemailer';
import { withoutPassword } from '../config';
import type { CalendarPart } from './mail-message';

/** One mail as it leaves: addresses, subject, both parts, and what mail about events carries. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The RFC 8058 one-click URL: sent as List-Unsubscribe, with List-Unsubscribe-Post. */
  listUnsubscribe?: string;
  /** An iCalendar document for calendar apps to add, update or remove the event. */
  calendar?: CalendarPart;
}

/**
 * Where mail goes: an SMTP server (SMTP_URL), or, without one, the server log (`kind: 'log'`;
 * the mailer then keeps the bodies in the database).
 */
export interface MailTransport {
  readonly kind: 'smtp' | 'log';
  /** Resolves once the mail was accepted; answers the Message-ID it left with. */
  send(mail: OutgoingMail): Promise<{ messageId: string | undefined }>;
  close(): Promise<void>;
}

/** A mail the SMTP server did not take. The message names its reply, never the credentials. */
export class MailSendError extends Error {
  override readonly name = 'MailSendError';
  constructor(
    message: string,
    /** The SMTP reply code, when the server answered (4xx: try again later; 5xx: refused). */
    readonly responseCode: number | undefined,
    /** Nodemailer's error code: ECONNECTION, EAUTH, EENVELOPE, EMESSAGE… */
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** How the pool connects; shared with the benchmark's direct-to-SMTP baseline (bench/). */
export const smtpPoolOptions = {
  pool: true,
  maxConnections: 5,
  // Bounded well inside a job's expiry, so a dead server fails the attempt rather than hangs it.
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 30_000,
} as const;

interface NodemailerFailure {
  message?: string;
  code?: string;
  response?: string;
  responseCode?: number;
  command?: string;
}

const safeDecode = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};
const base64 = (value: string) => Buffer.from(value).toString('base64');

/**
 * What goes with the two parts, in nodemailer's terms. Every mail says it was sent by a program
 * (Auto-Submitted, RFC 3834). Mail about events adds: `list`, which writes
 * `List-Unsubscribe: <url>`, and the POST header telling mail apps they may unsubscribe with one
 * click without opening a page (RFC 8058 §3.1); and `icalEvent`, which adds the document twice,
 * as a `text/calendar; method=…` alternative that calendar-aware clients show as an invitation,
 * and as an .ics attachment that the others offer to open.
 */
function headersAndCalendar({ listUnsubscribe, calendar }: OutgoingMail) {
  return {
    headers: {
      'Auto-Submitted': 'auto-generated',
      ...(listUnsubscribe ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
    },
    ...(listUnsubscribe ? { list: { unsubscribe: listUnsubscribe } } : {}),
    ...(calendar
      ? {
          icalEvent: {
            method: calendar.method,
            filename: calendar.method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
            content: calendar.ics,
          },
        }
      : {}),
  };
}

/** Sends through the SMTP server at `smtpUrl` over a small pool of connections. */
export function createSmtpTransport(smtpUrl: string): MailTransport {
  const url = new URL(smtpUrl);
  const user = safeDecode(url.username);
  const password = safeDecode(url.password);
  // The password as written in the URL, decoded, and as AUTH PLAIN and LOGIN carry it.
  const secrets = [url.password, password, base64(password), base64(`\0${user}\0${password}`)].filter((s) => s.length > 0);
  const server = `${url.protocol}//${url.host}`;
  const transporter = createTransport({ ...smtpPoolOptions, url: smtpUrl });
  const scrub = (text: string) => secrets.reduce((out, secret) => out.split(secret).join('***'), withoutPassword(text) ?? text);
  return {
    kind: 'smtp',
    async send(mail) {
      try {
        const { from, to, subject, text, html } = mail;
        const info = await transporter.sendMail({ from, to, subject, text, html, ...headersAndCalendar(mail) });
        return { messageId: info.messageId };
      } catch (error) {
        const failure = error as NodemailerFailure;
        const reply = failure.response ?? failure.message ?? String(error);
        const step = failure.command ? ` after ${failure.command.split(' ')[0]}` : '';
        throw new MailSendError(scrub(`SMTP ${server}${step}: ${reply}`), failure.responseCode, failure.code);
      }
    },
    async close() {
      transporter.close();
    },
  };
}

/** Without SMTP_URL: the mail goes to the log, where a laptop's user finds their link. */
export function createLogTransport(log: Pick<FastifyBaseLogger, 'info'>): MailTransport {
  return {
    kind: 'log',
    async send({ to, subject, text }) {
      log.info({ mail: { to, subject, text } }, 'mail (no SMTP_URL: kept in the database)');
      return { messageId: undefined };
    },
    async close() {},
  };
}

export const createMailTransport = (smtpUrl: string | undefined, log: Pick<FastifyBaseLogger, 'info'>): MailTransport =>
  smtpUrl ? createSmtpTransport(smtpUrl) : createLogTransport(log);
