import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mails } from '../db/schema';
import { buildTestApp } from '../test/harness/build-test-app';
import { type SmtpSink, startSmtpSink } from '../test/harness/smtp-sink';
import { createTestDatabase, type TestDatabase } from '../test/harness/test-database';
import type { MailTemplate } from './mail-message';
import { createMailer } from './mailer';
import { createLogTransport, createSmtpTransport, MailSendError, type MailTransport } from './transport';

const from = 'Turnout Test <noreply@turnout.test>';
const reset: MailTemplate = {
  kind: 'password_reset',
  name: 'Ada',
  link: 'http://turnout.test/reset-password#token=tok_123',
  expiresMinutes: 30,
};

interface LogLine {
  level: 'info' | 'debug';
  fields: unknown;
  msg: string;
}
const recordingLog = () => {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (fields: unknown, msg: string) => lines.push({ level: 'info', fields, msg }),
    debug: (fields: unknown, msg: string) => lines.push({ level: 'debug', fields, msg }),
  };
};

describe('mailer', () => {
  let db: TestDatabase;
  let sink: SmtpSink;
  const transports: MailTransport[] = [];
  beforeAll(async () => {
    [db, sink] = await Promise.all([createTestDatabase(), startSmtpSink()]);
  });
  afterEach(async () => {
    await Promise.all(transports.splice(0).map((t) => t.close()));
    sink.rejectLogins = false;
  });
  afterAll(async () => {
    await Promise.all([db.destroy(), sink.close()]);
  });

  const smtpMailer = (url = sink.url) => {
    const transport = createSmtpTransport(url);
    transports.push(transport);
    const log = recordingLog();
    return { mailer: createMailer({ db: db.database.db, transport, from, log: log as never, keepBodies: false }), log };
  };
  const rowsOf = (jobId: string) => db.database.db.select().from(mails).where(eq(mails.jobId, jobId));
  const to = () => `user-${randomUUID()}@example.test`;

  it('sends through SMTP with both parts, From as configured, and logs in with the URL credentials', async () => {
    const { mailer } = smtpMailer();
    const recipient = to();
    await mailer.send(randomUUID(), recipient, reset);

    const [message] = await sink.waitFor((all) => all.some((m) => m.to.includes(recipient)));
    const sent = sink.messages.find((m) => m.to.includes(recipient));
    expect(message).toBeDefined();
    expect(sent).toMatchObject({ from, subject: 'Reset your Turnout password', auth: sink.credentials });
    expect(sent?.text).toContain('http://turnout.test/reset-password#token=tok_123');
    expect(sent?.html).toContain('href="http://turnout.test/reset-password#token=tok_123"');
    expect(sent?.headers['auto-submitted']).toBe('auto-generated');
    expect(sent?.headers['content-type']).toMatch(/^multipart\/alternative/);
  });

  it('records what it sent under the job id, without the bodies when SMTP has them', async () => {
    const { mailer } = smtpMailer();
    const jobId = randomUUID();
    const recipient = to();
    expect(await mailer.alreadySent(jobId)).toBe(false);
    await mailer.send(jobId, recipient, reset);

    expect(await mailer.alreadySent(jobId)).toBe(true);
    const [row] = await rowsOf(jobId);
    const [message] = (await sink.waitFor((all) => all.some((m) => m.to.includes(recipient)))).filter((m) => m.to.includes(recipient));
    expect(row).toMatchObject({ kind: 'password_reset', recipient, subject: 'Reset your Turnout password', text: null, html: null });
    expect(row?.messageId).toBe(message?.headers['message-id']);
  });

  it('sends a job’s mail once, however often the job calls', async () => {
    const { mailer, log } = smtpMailer();
    const jobId = randomUUID();
    const recipient = to();
    await mailer.send(jobId, recipient, reset);
    await mailer.send(jobId, recipient, reset);
    await Promise.all([mailer.send(jobId, recipient, reset), mailer.send(jobId, recipient, reset)]);

    // A later mail to the same recipient arriving proves the repeats had their chance to.
    const marker = randomUUID();
    await mailer.send(marker, recipient, { kind: 'password_changed', name: 'Ada', at: new Date() });
    await sink.waitFor((all) => all.some((m) => m.to.includes(recipient) && m.subject === 'Your Turnout password was changed'));
    expect(sink.messages.filter((m) => m.to.includes(recipient) && m.subject === 'Reset your Turnout password')).toHaveLength(1);
    expect(await rowsOf(jobId)).toHaveLength(1);
    expect(log.lines.filter((l) => l.msg === 'mail already sent by an earlier attempt').length).toBeGreaterThanOrEqual(3);
  });

  it('without SMTP_URL writes the mail to the log and keeps both bodies in the database', async () => {
    const log = recordingLog();
    const mailer = createMailer({
      db: db.database.db,
      transport: createLogTransport(log as never),
      from,
      log: log as never,
      keepBodies: true,
    });
    const jobId = randomUUID();
    const recipient = to();
    await mailer.send(jobId, recipient, reset);

    const line = log.lines.find((l) => l.msg === 'mail (no SMTP_URL: kept in the database)');
    expect(line).toMatchObject({
      level: 'info',
      fields: { mail: { to: recipient, subject: 'Reset your Turnout password', text: expect.stringContaining(reset.link) } },
    });
    const [row] = await rowsOf(jobId);
    expect(row).toMatchObject({ recipient, kind: 'password_reset', messageId: null, text: expect.stringContaining(reset.link) });
    expect(row?.html).toContain(`href="${reset.link}"`);
    expect(sink.messages.some((m) => m.to.includes(recipient))).toBe(false);
  });

  it('throws on an SMTP 4xx, naming the reply but never the credentials, and records nothing; the retry sends', async () => {
    const { mailer } = smtpMailer();
    const jobId = randomUUID();
    const recipient = to();
    sink.failNext(1, { code: 451, message: 'Requested action aborted: local error in processing' });

    const error = await mailer.send(jobId, recipient, reset).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MailSendError);
    const failure = error as MailSendError;
    expect(failure.responseCode).toBe(451);
    expect(failure.message).toMatch(/^SMTP smtp:\/\/127\.0\.0\.1:\d+ after DATA: 451 Requested action aborted: local error in processing$/);
    for (const shown of [failure.message, String(failure.stack), JSON.stringify(failure)]) {
      expect(shown).not.toContain(sink.credentials.password);
      expect(shown).not.toContain(Buffer.from(`\0${sink.credentials.username}\0${sink.credentials.password}`).toString('base64'));
    }
    expect(await rowsOf(jobId)).toHaveLength(0);
    expect(await mailer.alreadySent(jobId)).toBe(false);

    await mailer.send(jobId, recipient, reset);
    await sink.waitFor((all) => all.some((m) => m.to.includes(recipient)));
    expect(await rowsOf(jobId)).toHaveLength(1);
  });

  it('sends a batch each once under its key: a failed one fails the batch, and the retry sends only it', async () => {
    const { mailer } = smtpMailer();
    const job = randomUUID();
    const batch = Array.from({ length: 4 }, (_, i) => ({ key: `${job}:${i}`, to: to(), template: reset }));
    sink.failNext(1);
    await expect(mailer.sendEach(batch)).rejects.toBeInstanceOf(MailSendError);
    const arrived = () => sink.messages.filter((m) => batch.some((mail) => m.to.includes(mail.to)));
    expect(arrived()).toHaveLength(3);

    await mailer.sendEach(batch);
    expect(arrived()).toHaveLength(4);
    expect(new Set(arrived().flatMap((m) => m.to))).toEqual(new Set(batch.map((mail) => mail.to)));
    await mailer.sendEach(batch);
    expect(arrived()).toHaveLength(4);
    for (const mail of batch) expect(await rowsOf(mail.key)).toHaveLength(1);
  });

  it('a refused login fails the send without showing the password', async () => {
    sink.rejectLogins = true;
    const { mailer } = smtpMailer();
    const jobId = randomUUID();

    const error = (await mailer.send(jobId, to(), reset).catch((e: unknown) => e)) as MailSendError;
    expect(error).toBeInstanceOf(MailSendError);
    expect(error.code).toBe('EAUTH');
    expect(error.message).toContain('535');
    for (const shown of [error.message, String(error.stack), JSON.stringify(error)]) {
      expect(shown).not.toContain(sink.credentials.password);
    }
    expect(await rowsOf(jobId)).toHaveLength(0);
  });

  it('an unreachable server fails the send with the address tried, and the password masked', async () => {
    const { mailer } = smtpMailer('smtp://someone:s3cret-Pa55@127.0.0.1:1');
    const error = (await mailer.send(randomUUID(), to(), reset).catch((e: unknown) => e)) as MailSendError;
    expect(error).toBeInstanceOf(MailSendError);
    expect(error.code).toBe('ESOCKET');
    expect(error.message).toMatch(/^SMTP smtp:\/\/127\.0\.0\.1:1 after CONN: connect ECONNREFUSED/);
    expect(`${error.message} ${error.stack}`).not.toContain('s3cret-Pa55');
  });
});

describe('the app’s mailer', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());

  it('sends through SMTP_URL from MAIL_FROM', async () => {
    const t = await buildTestApp({ env: { SMTP_URL: sink.url, MAIL_FROM: 'Events at Turnout <events@turnout.test>' } });
    try {
      await t.app.turnout.mailer.send(randomUUID(), 'someone@example.test', reset);
      const [message] = await sink.waitFor((all) => all.length > 0);
      expect(message).toMatchObject({ from: 'Events at Turnout <events@turnout.test>', to: ['someone@example.test'] });
    } finally {
      await t.close();
    }
  });

  it('without SMTP_URL keeps the mail, bodies and all, in the database', async () => {
    const t = await buildTestApp();
    try {
      const jobId = randomUUID();
      await t.app.turnout.mailer.send(jobId, 'laptop@example.test', reset);
      const [row] = await t.db.database.db.select().from(mails).where(eq(mails.jobId, jobId));
      expect(row?.text).toContain(reset.link);
      expect(row?.html).toContain('<!doctype html>');
    } finally {
      await t.close();
    }
  });
});
