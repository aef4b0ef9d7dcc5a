// Figure 10: one announcement to every attendee of one event, each attendee with a socket open and a
// verified address. Timed: from the POST until the last socket has its `notification`, and until the
// SMTP sink has accepted the last mail. Baselines in the same run: figure 3's (the bare Socket.IO
// server broadcasting one `event:updated` to the same sockets) and figure 9's (the same mails,
// rendered beforehand, handed straight to the SMTP transport).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, dropDatabase, withClient } from '../lib/database.mjs';
import { jsonChild } from '../lib/json-child.mjs';
import {
  BENCH_DIR,
  type BenchContext,
  type CpuUse,
  cpuTable,
  type Figure,
  joinAll,
  MAIL_FROM,
  mailEventOf,
  meterCpu,
  runCleanups,
  type SinkDone,
  seedAttendees,
  startMailBaseline,
  startSink,
  steadyRate,
} from '../lib/messages.ts';
import { LOAD_CORE } from '../lib/proc.mjs';
import { cpuProfFlags, summarizeProfiles } from '../lib/profile.mjs';
import { fmt, spreadText } from '../lib/report.mjs';
import { createEvent } from '../lib/seed.mjs';
import { spread } from '../lib/stats.mjs';
import { resultsDir, startTurnout } from '../lib/turnout.mjs';
import type { ClientCommand, ClientInput, Measured } from '../load/notification-client.ts';
import { startBare } from './fanout.mjs';

const CLIENT = new URL('../load/notification-client.ts', import.meta.url).pathname;
const BROADCAST_WARMUP = 3;
const PAUSE_MS = 1_000;
const body = (n: number) =>
  `Update #${n}: doors open at 18:30, not 18:00. The talks start at 19:00 as planned; there is a coat check by the entrance.`;

interface Announced {
  measured: Measured;
  done: SinkDone;
  cpu: CpuUse;
}

/** The notification client (load/notification-client.ts) on the load core, once all its sockets are connected. */
async function openClient(origin: string, cookiesFile: string, sockets: number) {
  const input: ClientInput = { origin, cookiesFile, sockets, timeoutMs: 120_000 };
  const child = jsonChild(LOAD_CORE, ['--import', 'tsx', CLIENT, JSON.stringify(input)], { cwd: BENCH_DIR });
  const connected = await child.next<{ sockets: number; ms: number }>('connected', 300_000);
  return {
    connected,
    async run(command: ClientCommand): Promise<Measured> {
      child.send(command);
      return child.next<Measured>('measured', 300_000);
    },
    close: () => child.close(),
  };
}
type Client = Awaited<ReturnType<typeof openClient>>;

/** A measured request whose answer or deliveries were wrong is an error of the figure, not a number. */
function checkDelivered(figure: Figure, what: string, m: Measured): Measured {
  if (m.status >= 300) figure.error(`${what}: answered ${m.status} ${JSON.stringify(m.answer).slice(0, 300)}`);
  else if (m.received !== m.expected || m.duplicates > 0 || m.strays > 0) {
    figure.error(
      `${what}: ${m.received} of ${m.expected} sockets got it within the timeout, ${m.duplicates} twice, ${m.strays} outside its audience`,
    );
  }
  return m;
}

/** `count` single broadcasts, each waited for on every socket, `PAUSE_MS` apart. */
async function broadcasts(
  figure: Figure,
  client: Client,
  what: string,
  { eventId, cookie, version: startVersion }: { eventId: string; cookie: string; version: number },
  count: number,
  from: number,
) {
  const measured: Measured[] = [];
  let version = startVersion;
  for (let k = 0; k < count; k++) {
    const m = checkDelivered(figure, what, await client.run({ broadcast: { eventId, title: `Broadcast #${from + k}`, version, cookie } }));
    version = (m.answer as { event?: { version?: number } }).event?.version ?? version + 1;
    measured.push(m);
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  }
  return measured;
}

/** The event's current version: Turnout's PATCH must name it (the bare server takes any). */
const versionOf = (url: string, eventId: string): Promise<number> =>
  withClient(url, async (db) => Number((await db.query('select version from events where id = $1', [eventId])).rows[0]?.version));

export async function announcementFigure(ctx: BenchContext): Promise<void> {
  const { options } = ctx;
  const n = options.announcementAttendees;
  const figure = ctx.figure(10, `Announcement to ${n.toLocaleString('en-US')} attendees of one event`);
  const database = await createDatabase('announce');
  const dir = mkdtempSync(join(tmpdir(), 'turnout-bench-'));
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    const sink = await startSink();
    cleanups.push(() => sink.close());
    const env = { SMTP_URL: sink.url('turnout'), MAIL_FROM };
    // Started first to migrate the database; stopped while the bare server is measured.
    const probe = await startTurnout({ database, env });
    const seeded = await seedAttendees(database.url, n, dir);
    const { main, warm } = await withClient(database.url, async (db) => {
      const main = await createEvent(db, seeded.organizer.id, { title: 'Announced' });
      const warm = await createEvent(db, seeded.organizer.id, { title: 'Warm-up' });
      await joinAll(
        db,
        main.id,
        seeded.attendees.map((a) => a.userId),
      );
      await joinAll(
        db,
        warm.id,
        seeded.attendees.slice(0, options.announcementWarmup).map((a) => a.userId),
      );
      await db.query('analyze');
      return { main, warm };
    });
    const mailEvent = await withClient(database.url, (db) => mailEventOf(db, main.id));
    const baseline = await startMailBaseline(sink.url('baseline'), probe.origin);
    cleanups.push(() => baseline.close());
    await probe.stop();

    // Figure 3's baseline: the bare server's broadcast to the same number of sockets.
    ctx.log(`announcement: bare Socket.IO, ${n} sockets`);
    const bare = await startBare();
    cleanups.push(() => bare.stop());
    const bareClient = await openClient(bare.origin, seeded.cookiesFile, n);
    const bareTarget = { eventId: main.id, cookie: seeded.organizer.cookie, version: 1 };
    await broadcasts(figure, bareClient, 'bare broadcast (warm-up)', bareTarget, BROADCAST_WARMUP, 0);
    const bareRuns = await broadcasts(figure, bareClient, 'bare broadcast', bareTarget, options.runs, 100);
    await bareClient.close();
    await bare.stop();

    ctx.log(`announcement: Turnout, ${n} sockets`);
    const turnout = await startTurnout({ database, env });
    cleanups.push(() => turnout.stop());
    const client = await openClient(turnout.origin, seeded.cookiesFile, n);
    cleanups.push(() => client.close());
    const announce = async (eventId: string, k: number, expected: number, on = { client, server: turnout }): Promise<Announced> => {
      const meter = await meterCpu(database.url, on.server.child.pid ?? Number.NaN);
      const { done, started } = await sink.run(figure, expected, () =>
        on.client.run({ announce: { eventId, body: body(k), cookie: seeded.organizer.cookie, audience: expected } }),
      );
      const cpu = await meter.stop();
      return { measured: checkDelivered(figure, `announcement #${k}`, started), done, cpu };
    };
    const baselineRun = async (count: number) => {
      const meter = await meterCpu(database.url, baseline.pid);
      const { done, started } = await sink.run(figure, count, () =>
        baseline.send({
          kind: 'announcement',
          event: mailEvent,
          authorName: 'bench_o_1',
          body: body(0),
          recipients: seeded.attendees.slice(0, count).map(({ userId, name, email }) => ({ userId, name, email })),
        }),
      );
      return { done, started, cpu: await meter.stop() };
    };

    // Warm-up: Turnout's own broadcast, an announcement to the small event and the baseline's mail.
    const target = async () => ({ eventId: main.id, cookie: seeded.organizer.cookie, version: await versionOf(database.url, main.id) });
    await broadcasts(figure, client, 'Turnout broadcast (warm-up)', await target(), BROADCAST_WARMUP, 0);
    await announce(warm.id, 0, options.announcementWarmup);
    await baselineRun(options.announcementWarmup);
    const ours: Announced[] = [];
    const direct: Awaited<ReturnType<typeof baselineRun>>[] = [];
    // Baseline and Turnout mail runs alternate, as in figure 9.
    for (let r = 1; r <= options.runs; r++) {
      direct.push(await baselineRun(n));
      ours.push(await announce(main.id, r, n));
    }
    // The same sockets, Turnout's broadcast of one event update (figure 3's write), for reference.
    const turnoutBroadcasts = await broadcasts(figure, client, 'Turnout broadcast', await target(), options.runs, 100);
    await client.close();
    await baseline.close();

    await checkStored(figure, database.url, main.id, { notified: n * options.runs, mailed: n * options.runs + options.announcementWarmup });
    report(figure, { n, ours, bareRuns, turnoutBroadcasts, direct, options });

    if (ctx.shouldProfile(figure)) {
      await turnout.stop();
      const profileDir = resultsDir('profiles', `fig10-${Date.now()}`);
      const profiled = await startTurnout({ database, env, nodeFlags: cpuProfFlags(profileDir) });
      try {
        const profiledClient = await openClient(profiled.origin, seeded.cookiesFile, n);
        await announce(main.id, options.runs + 1, n, { client: profiledClient, server: profiled });
        await profiledClient.close();
      } finally {
        await profiled.stop();
      }
      figure.profile({ ...summarizeProfiles(profileDir), dir: `bench/results/profiles/${profileDir.split('/').at(-1)}` });
    }
  } finally {
    await runCleanups(cleanups);
    await dropDatabase(database.name);
  }
}

/** Every announcement left one notification per attendee, and one recorded mail each (`mails`). */
async function checkStored(figure: Figure, url: string, eventId: string, expected: { notified: number; mailed: number }): Promise<void> {
  const stored = await withClient(url, async (db) => {
    const notified = await db.query(`select count(*)::int as n from notifications where type = 'announcement' and event_id = $1`, [
      eventId,
    ]);
    const mailed = await db.query(`select count(*)::int as n from mails where kind = 'announcement'`);
    return { notified: notified.rows[0].n as number, mailed: mailed.rows[0].n as number };
  });
  if (stored.notified !== expected.notified)
    figure.error(`${stored.notified} announcement notifications stored, expected ${expected.notified}`);
  if (stored.mailed !== expected.mailed) figure.error(`${stored.mailed} announcement mails recorded, expected ${expected.mailed}`);
}

function report(
  figure: Figure,
  {
    n,
    ours,
    bareRuns,
    turnoutBroadcasts,
    direct,
    options,
  }: {
    n: number;
    ours: Announced[];
    bareRuns: Measured[];
    turnoutBroadcasts: Measured[];
    direct: { done: SinkDone; started: { sendMs: number }; cpu: CpuUse }[];
    options: BenchContext['options'];
  },
): void {
  const s = (values: number[]) => spread(values);
  const sockets = {
    answered: s(ours.map((a) => a.measured.answeredMs)),
    first: s(ours.map((a) => a.measured.firstMs)),
    p50: s(ours.map((a) => a.measured.p50Ms)),
    last: s(ours.map((a) => a.measured.lastMs)),
    loadCpu: s(ours.map((a) => a.measured.loadCpu)),
  };
  const side = (runs: Measured[]) => ({
    answered: s(runs.map((m) => m.answeredMs)),
    first: s(runs.map((m) => m.firstMs)),
    p50: s(runs.map((m) => m.p50Ms)),
    last: s(runs.map((m) => m.lastMs)),
    loadCpu: s(runs.map((m) => m.loadCpu)),
  });
  const bare = side(bareRuns);
  const broadcast = side(turnoutBroadcasts);
  const row = (name: string, x: typeof bare) => [
    name,
    spreadText(x.answered, 1),
    spreadText(x.first, 1),
    spreadText(x.p50, 1),
    spreadText(x.last, 1),
    `${Math.round(x.loadCpu.median * 100)} %`,
  ];
  const ratio = sockets.last.median / bare.last.median;
  figure.table(
    ['', 'answered ms', 'first socket ms', 'socket p50 ms', 'last socket ms', 'load core busy'],
    [
      row('Turnout: POST …/announcements → `notification`', sockets),
      row('bare Socket.IO: PATCH → `event:updated` (figure 3’s baseline)', bare),
      row('Turnout: PATCH /api/events/:id → `event:updated` (for reference)', broadcast),
      ['ratio announcement / bare broadcast', fmt(sockets.answered.median / bare.answered.median, 1), '', '', fmt(ratio, 2), ''],
    ],
    `**${n.toLocaleString('en-US')} sockets, one per attendee**; times from just before the request, ${options.runs} run(s) of each, median (min–max):`,
  );

  const mailRuns = ours.map((a) => a.done);
  const mail = {
    first: s(ours.map((a) => a.done.firstAt - a.measured.sentAt)),
    last: s(ours.map((a) => a.done.lastAt - a.measured.sentAt)),
    rate: s(mailRuns.map(steadyRate)),
  };
  const base = {
    rate: s(direct.map((d) => steadyRate(d.done))),
    last: s(direct.map((d) => d.started.sendMs)),
  };
  const rateRatio = mail.rate.median / base.rate.median;
  figure.table(
    ['sender', 'first mail ms', 'last mail ms', 'mails/s, first → last', 'ratio to baseline (mails/s)'],
    [
      [
        'Turnout: POST → mail jobs (pg-boss) → SMTP',
        spreadText(mail.first, 0),
        spreadText(mail.last, 0),
        spreadText(mail.rate, 0),
        fmt(rateRatio, 2),
      ],
      ['direct to the SMTP transport (figure 9’s baseline)', '', spreadText(base.last, 0), spreadText(base.rate, 0), ''],
    ],
    `**${n.toLocaleString('en-US')} mails**, one per attendee, every one checked to arrive once at its own recipient; Turnout's from just before the POST, the baseline's from the hand-over:`,
  );
  figure.table(
    ...cpuTable(
      n,
      ours.map((a) => a.cpu),
      direct.map((d) => d.cpu),
      "Turnout's run (the POST, the notifications and the mail) and the baseline's (rendering and sending)",
    ),
  );
  figure.check({
    name: 'every socket notified',
    value: `${fmt(sockets.last.median, 0)} ms`,
    baseline: `${fmt(bare.last.median, 0)} ms (bare broadcast)`,
    ratio: `${fmt(ratio, 2)}×`,
    target: 'reported',
    met: null,
  });
  figure.check({
    name: 'every mail accepted',
    value: `${fmt(mail.last.median / 1000, 1)} s, ${fmt(mail.rate.median, 0)} mails/s`,
    baseline: `${fmt(base.last.median / 1000, 1)} s, ${fmt(base.rate.median, 0)} mails/s (direct)`,
    ratio: `${fmt(rateRatio, 2)}×`,
    target: '≥ 0.8× (figure 9’s)',
    met: options.quick ? null : rateRatio >= 0.8,
  });
  figure.note(
    `What is timed: the organizer's \`POST /api/events/:id/announcements {body, audience: 'joined'}\` from the process that holds the sockets (socket.io-client, \`transports: ['websocket']\`, one logged-in attendee per socket, on core 1), until every socket has the \`notification\` with that body, and until the SMTP sink (smtp-server on core 1, no parsing) has accepted the last mail. In one transaction Turnout locks the event, checks the hourly limit, reads the audience, stores the announcement and ${n.toLocaleString('en-US')} notification rows and enqueues ${Math.ceil(n / 100)} \`messages.mail\` jobs of 100; after COMMIT it emits one \`notification\` to each attendee's user room (${n.toLocaleString('en-US')} distinct payloads) and answers. The mail jobs wait for a worker's poll (every 2 s when idle); each reads the announcement, the event and its 100 readers, and sends each mail (template filled, unsubscribe token, \`mails\` checked and recorded) through the process's SMTP pool (5 connections), \`JOBS_CONCURRENCY\`=10 jobs at once.`,
  );
  figure.note(
    `Baselines, same run, same sockets and same sink: the bare Socket.IO server of figure 3 answers \`PATCH\` from memory and broadcasts one \`event:updated\` to every socket (one payload, encoded once); Turnout's own \`PATCH\` broadcast is shown beside it. ${BROADCAST_WARMUP} warm-up broadcasts on each server, then single broadcasts ${PAUSE_MS / 1000} s apart. The mail baseline renders the same announcement mails with Turnout's templates beforehand (untimed) and hands all ${n.toLocaleString('en-US')} at once to Turnout's SMTP transport (nodemailer's pool, the same options, headers and parts), with no queue and no database; baseline and Turnout mail runs alternate. Warm-up: an announcement to ${options.announcementWarmup} attendees of another event and ${options.announcementWarmup} baseline mails. Cores: Turnout, the bare server and the mail baseline on core 0 (\`taskset\`), the client, the sink and this orchestrator on core 1, PostgreSQL unpinned. \`ANNOUNCEMENTS_PER_HOUR\` (6 per event) allows the ${options.runs} measured runs on one event.`,
  );
  const busy = Math.max(...ours.map((a) => a.measured.loadCpu));
  figure.note(
    `Phases, medians from just before the POST: the first socket had its notification at ${fmt(sockets.first.median, 0)} ms (the transaction: the event locked, the audience read, the rows inserted and presented, the mail jobs enqueued, COMMIT), the last at ${fmt(sockets.last.median, 0)} ms (${fmt(sockets.last.median - sockets.first.median, 0)} ms publishing ${n.toLocaleString('en-US')} distinct payloads, each parsed with its contract schema and emitted to its user room, against ${fmt(broadcast.last.median - broadcast.first.median, 0)} ms for Turnout's one-payload broadcast to the same sockets), and the POST was answered at ${fmt(sockets.answered.median, 0)} ms, once the emits were done. The first mail arrived at ${fmt(mail.first.median, 0)} ms (the mail worker's next poll) and the last at ${fmt(mail.last.median, 0)} ms. The load core was at most ${Math.round(busy * 100)} % busy while the sockets received.`,
  );
}
