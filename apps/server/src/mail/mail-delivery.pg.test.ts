import { randomBytes } from 'node:crypto';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mails } from '../db/schema';
import { buildServerBundle } from '../test/harness/server-bundle';
import { fetchFrom, type ServerProcess, startServer } from '../test/harness/server-process';
import { type SinkMessage, type SmtpSink, startSmtpSink } from '../test/harness/smtp-sink';
import { createTestDatabase, type TestDatabase } from '../test/harness/test-database';

// Two production bundles on one PostgreSQL database, each mailing through the same SMTP server as
// a user of its own: every mail the API causes arrives once, and both processes do the sending.
const USERS = 50;
const processes = ['process-a', 'process-b'] as const;

let db: TestDatabase;
let sink: SmtpSink;
let bundle: Awaited<ReturnType<typeof buildServerBundle>>;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  [db, sink, bundle] = await Promise.all([createTestDatabase(), startSmtpSink(), buildServerBundle()]);
  if (db.config.kind !== 'postgres') throw new Error('PostgreSQL only');
  const port = new URL(sink.url).port;
  for (const name of processes) {
    servers.push(
      await startServer(
        {
          DATABASE_URL: db.config.url,
          SMTP_URL: `smtp://${name}:${sink.credentials.password}@127.0.0.1:${port}`,
          MAIL_FROM: 'Turnout <mail@turnout.test>',
          PUBLIC_ORIGIN: 'http://turnout.test',
          RATE_LIMIT_AUTH: '100000',
          RATE_LIMIT_WRITES: '100000',
          TOTP_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
        },
        { entry: bundle.entry },
      ),
    );
  }
}, 180_000);
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await Promise.all([sink?.close(), bundle?.remove(), db?.destroy()]);
});

const tokenOf = (message: SinkMessage, page: 'verify-email' | 'reset-password') => {
  const token = new RegExp(`http://turnout\\.test/${page}#token=([A-Za-z0-9_-]+)`).exec(message.text)?.[1];
  if (!token) throw new Error(`no ${page} link in ${JSON.stringify(message.text)}`);
  return token;
};

/** Every mail of `subject`, by recipient; fails on a recipient that got two. */
const onceEach = (subject: string) => {
  const byRecipient = new Map<string, SinkMessage[]>();
  for (const message of sink.messages.filter((m) => m.subject === subject)) {
    for (const to of message.to) byRecipient.set(to, [...(byRecipient.get(to) ?? []), message]);
  }
  return byRecipient;
};

describe('mail from two server processes', { timeout: 180_000 }, () => {
  it('delivers each mail the API causes exactly once, some from each process', async () => {
    const users = Array.from({ length: USERS }, (_, i) => ({
      name: `mailer_${i}_${randomBytes(3).toString('hex')}`,
      email: `mailer-${i}-${randomBytes(3).toString('hex')}@example.test`,
      password: `Quiet-${randomBytes(8).toString('hex')}-harbour`,
    }));
    // Registrations alternate between the processes; each one mails a verification link.
    const registered = await Promise.all(
      users.map((user, i) =>
        fetchFrom(servers[i % 2]?.url ?? '', '/api/auth/register', { method: 'POST', json: { ...user, role: 'joiner' } }),
      ),
    );
    expect(registered.map((r) => r.status)).toEqual(users.map(() => 201));

    const addresses = users.map((u) => u.email.toLowerCase());
    await sink.waitFor(() => onceEach('Confirm your email address for Turnout').size === USERS, 60_000);
    const verifications = onceEach('Confirm your email address for Turnout');
    const verified = await Promise.all(
      addresses.map((address, i) => {
        const [mail] = verifications.get(address) ?? [];
        if (!mail) throw new Error(`no verification mail for ${address}`);
        return fetchFrom(servers[(i + 1) % 2]?.url ?? '', '/api/auth/email/verify', {
          method: 'POST',
          json: { token: tokenOf(mail, 'verify-email') },
        });
      }),
    );
    expect(verified.map((r) => r.status)).toEqual(users.map(() => 204));

    // The 50 password resets, asked of both processes at once.
    const asked = await Promise.all(
      users.map((user, i) =>
        fetchFrom(servers[i % 2]?.url ?? '', '/api/auth/password/forgot', { method: 'POST', json: { email: user.email } }),
      ),
    );
    expect(asked.map((r) => r.status)).toEqual(users.map(() => 202));
    await sink.waitFor(() => onceEach('Reset your Turnout password').size === USERS, 60_000);

    // Time for a duplicate, had any job run twice, to arrive too.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    for (const subject of ['Confirm your email address for Turnout', 'Reset your Turnout password']) {
      const byRecipient = onceEach(subject);
      expect([...byRecipient.keys()].sort()).toEqual([...addresses].sort());
      const twice = [...byRecipient].filter(([, mails]) => mails.length > 1).map(([to]) => to);
      expect(twice, `${subject}: recipients mailed more than once`).toEqual([]);
    }
    const resetTokens = [...onceEach('Reset your Turnout password').values()].map(([mail]) =>
      mail ? tokenOf(mail, 'reset-password') : '',
    );
    expect(new Set(resetTokens).size).toBe(USERS);
    expect(sink.messages).toHaveLength(2 * USERS);

    for (const message of sink.messages) expect(message.from).toBe('Turnout <mail@turnout.test>');
    const senders = new Map(processes.map((name) => [name, sink.messages.filter((m) => m.auth?.username === name).length]));
    expect(senders.get('process-a'), JSON.stringify([...senders])).toBeGreaterThan(0);
    expect(senders.get('process-b'), JSON.stringify([...senders])).toBeGreaterThan(0);
    expect((senders.get('process-a') ?? 0) + (senders.get('process-b') ?? 0)).toBe(2 * USERS);

    // The database recorded each of them once, under its job, bodies left to the SMTP server.
    const rows = await db.database.db
      .select({ kind: mails.kind, mails: count(), withBodies: count(mails.text) })
      .from(mails)
      .groupBy(mails.kind)
      .orderBy(mails.kind);
    expect(rows).toEqual([
      { kind: 'password_reset', mails: USERS, withBodies: 0 },
      { kind: 'verify_email', mails: USERS, withBodies: 0 },
    ]);
  });
});
