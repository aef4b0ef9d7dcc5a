import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A mail the sink took, parsed. */
export interface SinkMessage {
  /** Envelope recipients (RCPT TO), lower-cased. */
  to: string[];
  /** The From header as written. */
  from: string;
  subject: string;
  text: string;
  html: string;
  /** Every header, lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The credentials the client logged in with, if it did. */
  auth: { username: string; password: string } | undefined;
  /** The connection it came over (SMTP pooling reuses one for several mails). */
  connectionId: string;
  /** Its attachments (an iCalendar invitation among them), content as text. */
  attachments: { filename: string | undefined; contentType: string; content: string }[];
}

export interface SmtpSink {
  /** smtp://user:pass@127.0.0.1:port, with credentials of its own (any are accepted). */
  url: string;
  /** The same server without credentials. */
  anonymousUrl: string;
  /** The credentials in `url`. */
  credentials: { username: string; password: string };
  messages: SinkMessage[];
  /** Resolves with the messages once `predicate` holds for them; rejects after `timeoutMs`. */
  waitFor(predicate: (messages: SinkMessage[]) => boolean, timeoutMs?: number): Promise<SinkMessage[]>;
  /** Answers the next `count` messages (at end of DATA) with `reply` instead of accepting them. */
  failNext(count: number, reply?: { code: number; message: string }): void;
  /** Refuses every login with 535 while set. */
  rejectLogins: boolean;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 (a free port) that keeps what it is sent. Close it in an after-hook. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  const arrived = new EventEmitter();
  arrived.setMaxListeners(0);
  const failures: { code: number; message: string }[] = [];
  const logins = new Map<string, { username: string; password: string }>();
  const sink = { rejectLogins: false };

  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onAuth(auth, session, callback) {
      if (sink.rejectLogins) {
        callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
        return;
      }
      logins.set(session.id, { username: auth.username ?? '', password: auth.password ?? '' });
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const failure = failures.shift();
      if (failure) {
        stream.on('end', () => callback(Object.assign(new Error(failure.message), { responseCode: failure.code })));
        stream.resume();
        return;
      }
      simpleParser(stream)
        .then((parsed) => {
          const headers: Record<string, string> = {};
          for (const line of parsed.headerLines) {
            const value = line.line.slice(line.line.indexOf(':') + 1).trim();
            headers[line.key] = headers[line.key] ? `${headers[line.key]}, ${value}` : value;
          }
          messages.push({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            from: headers.from ?? '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            headers,
            auth: logins.get(session.id),
            connectionId: session.id,
            attachments: parsed.attachments.map((a) => ({
              filename: a.filename,
              contentType: a.contentType,
              content: a.content.toString('utf8'),
            })),
          });
          callback();
          arrived.emit('message');
        })
        .catch((error: unknown) => callback(error as Error));
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = (server.server as unknown as { address(): AddressInfo }).address();
  const credentials = { username: `sink-${randomBytes(3).toString('hex')}`, password: randomBytes(12).toString('hex') };

  return {
    url: `smtp://${credentials.username}:${credentials.password}@127.0.0.1:${port}`,
    anonymousUrl: `smtp://127.0.0.1:${port}`,
    credentials,
    messages,
    get rejectLogins() {
      return sink.rejectLogins;
    },
    set rejectLogins(value: boolean) {
      sink.rejectLogins = value;
    },
    waitFor(predicate, timeoutMs = 10_000) {
      if (predicate(messages)) return Promise.resolve(messages);
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(messages)) return;
          clearTimeout(timer);
          arrived.off('message', check);
          resolve(messages);
        };
        const timer = setTimeout(() => {
          arrived.off('message', check);
          reject(new Error(`smtp-sink: condition not met within ${timeoutMs} ms (${messages.length} messages arrived)`));
        }, timeoutMs);
        arrived.on('message', check);
      });
    },
    failNext(count, reply = { code: 451, message: 'Requested action aborted: try again later' }) {
      for (let i = 0; i < count; i++) failures.push(reply);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
