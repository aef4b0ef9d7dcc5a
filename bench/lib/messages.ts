// What figures 10 and 11 (mail and notifications about events) share: attendees with verified
// addresses written straight into the database, the SMTP sink on the load core, the direct-to-SMTP
// baseline on the server core, and the figure context run.mjs hands every group.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import type { MailBatch, Sent } from '../baselines/direct-event-mail.ts';
import { withClient } from './database.mjs';
import { jsonChild } from './json-child.mjs';
import { LOAD_CORE, SERVER_CORE } from './proc.mjs';
import { type Figure, spreadText } from './report.mjs';
import { seedUsers } from './seed.mjs';
import { spread } from './stats.mjs';
import { ROOT } from './turnout.mjs';

export type { Figure };

/** The options of run.mjs this module's figures read. */
export interface MessageOptions {
  quick: boolean;
  runs: number;
  profile: boolean;
  announcementAttendees: number;
  announcementWarmup: number;
  reminderEvents: number;
  reminderAttendeesPerEvent: number;
  reminderLeadMs: number;
}

/** What run.mjs gives each figure group. */
export interface BenchContext {
  options: MessageOptions;
  log: (...args: unknown[]) => void;
  figure(id: number, title: string): Figure;
  shouldProfile(figure: Figure): boolean;
}

export const MAIL_FROM = 'Turnout <mail@bench.test>';
export const BENCH_DIR = join(ROOT, 'bench');
const SINK = new URL('../load/smtp-sink.mjs', import.meta.url).pathname;
const BASELINE = new URL('../baselines/direct-event-mail.ts', import.meta.url).pathname;
/** Several thousand mails at figure 9's rates take minutes; a stuck run still ends. */
const MAIL_RUN_TIMEOUT_MS = 900_000;

/** Epoch ms on this machine's clock, as every child stamps its events. */
export const epochNow = () => performance.timeOrigin + performance.now();

export interface Attendee {
  userId: string;
  name: string;
  email: string;
  cookie: string;
}

export interface Attendees {
  organizer: { id: string; cookie: string };
  attendees: Attendee[];
  /** The attendees' cookies in order, for the notification client. */
  cookiesFile: string;
}

/**
 * One organizer and `count` joiners (lib/seed.mjs: one session each), every joiner with a
 * verified address bench_j_<i>@example.test and the mail preferences as shipped (all event mail on).
 */
export async function seedAttendees(url: string, count: number, dir: string): Promise<Attendees> {
  return withClient(url, async (db) => {
    const users = await seedUsers(db, { organizers: 1, joiners: count });
    await db.query(`update users set email = name || '@example.test', email_verified_at = now() where role = 'joiner'`);
    await db.query('analyze users');
    const attendees: Attendee[] = users.joiners.map((joiner, i) => ({
      userId: joiner.id,
      name: `bench_j_${i + 1}`,
      email: `bench_j_${i + 1}@example.test`,
      cookie: joiner.cookie,
    }));
    const cookiesFile = join(dir, 'attendees.json');
    writeFileSync(cookiesFile, JSON.stringify(attendees.map((a) => a.cookie)));
    const organizer = users.organizers[0];
    if (!organizer) throw new Error('seedUsers made no organizer');
    return { organizer, attendees, cookiesFile };
  });
}

/**
 * Seats `userIds` on the event as joined, in this order, and stores the count, as joins would
 * leave it; no confirmation is pending (the column's default), so no confirmation mail follows.
 */
export async function joinAll(db: pg.Client, eventId: string, userIds: readonly string[]): Promise<void> {
  await db.query(
    `insert into participations (event_id, user_id, status)
     select $1, u.id::uuid, 'joined' from json_array_elements_text($2::json) with ordinality as u(id, n) order by u.n`,
    [eventId, JSON.stringify(userIds)],
  );
  await db.query(
    `update events set joined_count = (select count(*) from participations where event_id = $1 and status = 'joined') where id = $1`,
    [eventId],
  );
}

/** What the sink saw of one run: epoch ms of the first and last mail accepted, and whom they reached. */
export interface SinkDone {
  count: number;
  firstAt: number;
  lastAt: number;
  recipients: number;
  duplicates: number;
  byUser: Record<string, number>;
}

export interface Sink {
  /** The sink's address, logged in as `user` (the sink tells senders apart by their login). */
  url(user: string): string;
  /**
   * Arms the sink for `expected` mails, runs `go`, and resolves once they all arrived. A wrong
   * count or a repeated recipient is recorded on `figure` as an error.
   */
  run<T>(figure: Figure, expected: number, go: () => Promise<T>): Promise<{ done: SinkDone; started: T }>;
  close(): Promise<unknown>;
}

/** The SMTP sink (load/smtp-sink.mjs: smtp-server on 127.0.0.1, no parsing) on the load core. */
export async function startSink(): Promise<Sink> {
  const child = jsonChild(LOAD_CORE, [SINK]);
  const port = await child.next<number>('listening');
  return {
    url: (user) => `smtp://${user}:bench-secret@127.0.0.1:${port}`,
    async run(figure, expected, go) {
      child.send({ expect: expected });
      await child.next('expecting');
      // Listened for before `go`: the last mail may arrive before `go` resolves.
      const finished = child.next<SinkDone>('done', MAIL_RUN_TIMEOUT_MS);
      finished.catch(() => {});
      const started = await go();
      const done = await finished;
      if (done.count !== expected || done.recipients !== expected || done.duplicates !== 0) {
        figure.error(
          `mail: expected ${expected} mails to as many recipients once each, got ${JSON.stringify({ ...done, byUser: undefined })}`,
        );
      }
      return { done, started };
    },
    close: () => child.close(),
  };
}

export interface MailBaseline {
  pid: number;
  /** Renders the batch (untimed) and sends it all at once; resolves with the send's duration. */
  send(batch: MailBatch): Promise<Sent>;
  close(): Promise<unknown>;
}

/** The direct-to-SMTP baseline (baselines/direct-event-mail.ts) on the server core. */
export async function startMailBaseline(smtpUrl: string, origin: string): Promise<MailBaseline> {
  const child = jsonChild(SERVER_CORE, ['--import', 'tsx', BASELINE, JSON.stringify({ smtpUrl, from: MAIL_FROM, origin })], {
    cwd: BENCH_DIR,
  });
  await child.next('ready', 60_000);
  return {
    pid: child.child.pid ?? Number.NaN,
    async send(batch) {
      child.send(batch);
      return child.next<Sent>('sent', MAIL_RUN_TIMEOUT_MS);
    },
    close: () => child.close(),
  };
}

/** mails/s between the first and the last mail the sink accepted. */
export const steadyRate = (done: SinkDone) => ((done.count - 1) * 1000) / (done.lastAt - done.firstAt);

/** The event as its mail shows it, read from the database. */
export async function mailEventOf(db: pg.Client, eventId: string): Promise<MailBatch['event']> {
  const { rows } = await db.query(
    `select id, title, location, timezone,
            to_char(starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "startsAt",
            to_char(ends_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "endsAt"
     from events where id = $1`,
    [eventId],
  );
  const event = rows[0] as MailBatch['event'] | undefined;
  if (!event) throw new Error(`event ${eventId} not found`);
  return event;
}

/** Runs the cleanups in reverse order, every one even when an earlier one failed. */
export async function runCleanups(cleanups: (() => Promise<unknown>)[]): Promise<void> {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
}

const CLOCK_TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU time (user + system) a process has used so far, in ms; NaN once it is gone. */
function processCpuMs(pid: number): number {
  try {
    // Fields after "pid (comm) ": state is the 1st, utime the 12th, stime the 13th (proc(5)).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** CPU used over a run: by one process (the sender), by the PostgreSQL backends of the bench's database. */
export interface CpuUse {
  processMs: number;
  postgresMs: number;
  wallMs: number;
}

/**
 * Starts counting the CPU `pid` and the database's client backends use (this meter's own
 * connection left out); `stop` answers what they used since. A backend that ends in between is
 * not counted; one that starts in between is counted from zero.
 */
export async function meterCpu(url: string, pid: number): Promise<{ stop(): Promise<CpuUse> }> {
  const backends = () =>
    withClient(url, async (db) => {
      const { rows } = await db.query(
        `select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()`,
      );
      return new Map(rows.map((row) => [Number(row.pid), processCpuMs(Number(row.pid))]));
    });
  const before = await backends();
  const processBefore = processCpuMs(pid);
  const startedAt = performance.now();
  return {
    async stop() {
      const processMs = processCpuMs(pid) - processBefore;
      const wallMs = performance.now() - startedAt;
      let postgresMs = 0;
      for (const [backend, ms] of await backends()) {
        const was = before.get(backend) ?? 0;
        if (Number.isFinite(ms) && Number.isFinite(was)) postgresMs += ms - was;
      }
      return { processMs, postgresMs, wallMs };
    },
  };
}

/** The CPU table of a mail figure: Turnout's process and PostgreSQL against the baseline's, per run and per mail. */
export function cpuTable(mails: number, ours: CpuUse[], direct: CpuUse[], window: string): [string[], string[][], string] {
  const row = (name: string, runs: CpuUse[]) => {
    const processS = spread(runs.map((c) => c.processMs / 1000));
    const postgresS = spread(runs.map((c) => c.postgresMs / 1000));
    const busy = spread(runs.map((c) => c.processMs / c.wallMs));
    const perMail = spread(runs.map((c) => (c.processMs + c.postgresMs) / mails));
    return [name, spreadText(processS, 1), `${Math.round(busy.median * 100)} %`, spreadText(postgresS, 1), spreadText(perMail, 2)];
  };
  return [
    ['sender', 'sender process CPU s', 'its share of core 0', 'PostgreSQL backends CPU s', 'CPU per mail, ms (both)'],
    [row('Turnout', ours), row('direct to the SMTP transport', direct)],
    `**CPU** used over ${window} (\`/proc/<pid>/stat\` of the sender and of the database's client backends), median (min–max):`,
  ];
}
