import { randomBytes } from 'node:crypto';
import { count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, users } from '../../db/schema';
import { testRedisUrl } from '../../test/harness/build-test-app';
import { buildServerBundle } from '../../test/harness/server-bundle';
import { fetchFrom, type ServerProcess, startServer } from '../../test/harness/server-process';
import { type SmtpSink, startSmtpSink } from '../../test/harness/smtp-sink';
import { RecordingClient } from '../../test/harness/socket-client';
import { createTestDatabase, type TestDatabase } from '../../test/harness/test-database';

// Two production bundles sharing one PostgreSQL database and one Redis, both working jobs: a
// one-minute reminder reaches each joined attendee exactly once, by mail and as a live notice on
// a socket of the other process than the one that ran it (the reminder's job runs on one of them).
const ATTENDEES = 30;

let db: TestDatabase;
let sink: SmtpSink;
let bundle: Awaited<ReturnType<typeof buildServerBundle>>;
const servers: ServerProcess[] = [];
const sockets: RecordingClient[] = [];

beforeAll(async () => {
  [db, sink, bundle] = await Promise.all([createTestDatabase(), startSmtpSink(), buildServerBundle()]);
  if (db.config.kind !== 'postgres') throw new Error('PostgreSQL only');
  const key = randomBytes(32).toString('hex');
  for (const name of ['process-a', 'process-b']) {
    servers.push(
      await startServer(
        {
          DATABASE_URL: db.config.url,
          REDIS_URL: testRedisUrl(),
          SMTP_URL: `smtp://${name}:${sink.credentials.password}@127.0.0.1:${new URL(sink.url).port}`,
          PUBLIC_ORIGIN: 'http://turnout.test',
          RATE_LIMIT_AUTH: '100000',
          RATE_LIMIT_WRITES: '100000',
          SOCKET_HANDSHAKES_PER_MINUTE: '100000',
          TOTP_ENCRYPTION_KEY: key,
        },
        { entry: bundle.entry },
      ),
    );
  }
}, 180_000);
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await Promise.all(servers.map((server) => server.stop()));
  await Promise.all([sink?.close(), bundle?.remove(), db?.destroy()]);
});

const urlOf = (i: number) => servers[i % 2]?.url ?? '';
async function register(i: number, role: 'joiner' | 'organizer') {
  const name = `remind_${i}_${randomBytes(3).toString('hex')}`;
  const email = `${name}@example.test`;
  const response = await fetchFrom(urlOf(i), '/api/auth/register', {
    method: 'POST',
    json: { name, email, password: `Quiet-${randomBytes(8).toString('hex')}-harbour`, role },
  });
  expect(response.status).toBe(201);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { user } = (await response.json()) as { user: { id: string } };
  return { id: user.id, email: email.toLowerCase(), cookie };
}

describe('a reminder on two processes', { timeout: 180_000 }, () => {
  it('reaches each joined attendee exactly once, by mail and live', async () => {
    const organizer = await register(0, 'organizer');
    const attendees = await Promise.all(Array.from({ length: ATTENDEES }, (_, i) => register(i, 'joiner')));
    // Their addresses confirmed, as their links would.
    await db.database.db
      .update(users)
      .set({ emailVerifiedAt: new Date() })
      .where(
        inArray(
          users.id,
          attendees.map((a) => a.id),
        ),
      );

    const created = await fetchFrom(urlOf(0), '/api/events', {
      method: 'POST',
      headers: { cookie: organizer.cookie },
      json: {
        title: 'Two-process reminder',
        location: 'Hall',
        startsAt: new Date(Date.now() + 70_000).toISOString(),
        timezone: 'Europe/Berlin',
        durationMinutes: 60,
        reminders: [1],
      },
    });
    expect(created.status).toBe(201);
    const { event } = (await created.json()) as { event: { id: string } };
    const joins = await Promise.all(
      attendees.map((a, i) =>
        fetchFrom(urlOf(i), `/api/events/${event.id}/participation`, { method: 'PUT', headers: { cookie: a.cookie } }),
      ),
    );
    expect(joins.map((r) => r.status)).toEqual(attendees.map(() => 200));

    // Each attendee listens on the process they did not join through.
    for (const [i, attendee] of attendees.entries()) {
      const socket = new RecordingClient(urlOf(i + 1), { cookie: attendee.cookie, origin: urlOf(i + 1) });
      sockets.push(socket);
      await socket.connected();
    }

    const reminders = () => sink.messages.filter((m) => m.subject === 'Reminder: Two-process reminder starts in 1 minute');
    await sink.waitFor(() => reminders().length >= ATTENDEES, 60_000);
    await Promise.all(sockets.map((socket) => socket.next('notification', ({ notification }) => notification.type === 'reminder', 15_000)));
    // Time for a duplicate from the other process, or a retry, to show.
    await new Promise((resolve) => setTimeout(resolve, 5_000));

    const recipients = reminders().flatMap((m) => m.to);
    expect(recipients.sort()).toEqual(attendees.map((a) => a.email).sort());
    for (const socket of sockets) expect(socket.received.filter((r) => r.event === 'notification')).toHaveLength(1);
    const [stored] = await db.database.db.select({ n: count() }).from(notifications).where(eq(notifications.type, 'reminder'));
    expect(stored?.n).toBe(ATTENDEES);
  });
});
