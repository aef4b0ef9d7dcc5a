// Figure 11: one-minute reminders of several events falling due at the same instant, on one Turnout
// process. The events are created through the API (so the server schedules their reminder jobs
// itself), their attendees written straight into the database. Timed from the due instant: until
// every reminder notification exists (committed), and until the SMTP sink has accepted every mail.
// The bar: all of it before the events start, a minute after the due instant. Baseline in the same
// run: the same mails, rendered beforehand, handed straight to the SMTP transport (figure 9's).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, dropDatabase, withClient } from '../lib/database.mjs';
import {
  type Attendees,
  type BenchContext,
  type CpuUse,
  cpuTable,
  epochNow,
  type Figure,
  joinAll,
  MAIL_FROM,
  mailEventOf,
  meterCpu,
  runCleanups,
  type Sink,
  type SinkDone,
  seedAttendees,
  startMailBaseline,
  startSink,
  steadyRate,
} from '../lib/messages.ts';
import { cpuProfFlags, summarizeProfiles } from '../lib/profile.mjs';
import { fmt, spreadText } from '../lib/report.mjs';
import { createEvent } from '../lib/seed.mjs';
import { spread } from '../lib/stats.mjs';
import { resultsDir, startTurnout } from '../lib/turnout.mjs';

const MINUTES_BEFORE = 1;
const POLL_MS = 100;
/** The minute between the due instant and the start: every mail should be in before it ends. */
const BAR_MS = MINUTES_BEFORE * 60_000;

interface Shape {
  events: number;
  perEvent: number;
}

/** One run, in ms from the due instant (the reminders' `startAfter`). */
interface ReminderRun {
  /** When the first and the last of the events' reminder jobs began (the notifications' `created_at`). */
  firstJobMs: number;
  lastJobMs: number;
  /** When the last of the notifications was seen committed (polled every POLL_MS). */
  notifiedMs: number;
  firstMailMs: number;
  lastMailMs: number;
  done: SinkDone;
  /** From the due instant to the last mail. */
  cpu: CpuUse;
}

type Server = Awaited<ReturnType<typeof startTurnout>>;

/** A new event starting at `startsAt` with a reminder `MINUTES_BEFORE` before, through the API as its organizer creates it. */
async function createEventOverHttp(origin: string, cookie: string, title: string, startsAt: string): Promise<string> {
  const response = await fetch(`${origin}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin },
    body: JSON.stringify({
      title,
      location: 'Hall 1',
      startsAt,
      timezone: 'Europe/Berlin',
      durationMinutes: 60,
      capacity: null,
      reminders: [MINUTES_BEFORE],
    }),
  });
  const answer = (await response.json()) as { event?: { id: string; reminders: number[] } };
  if (response.status !== 201 || !answer.event) throw new Error(`POST /api/events answered ${response.status}: ${JSON.stringify(answer)}`);
  if (answer.event.reminders.join() !== String(MINUTES_BEFORE)) throw new Error(`the event's reminders are ${answer.event.reminders}`);
  return answer.event.id;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One run: `shape.events` events whose reminders fall due at one instant `leadMs` from now, each
 * with `shape.perEvent` of the attendees joined, then the wait for the notifications and the mail.
 */
async function reminderRun(
  figure: Figure,
  {
    server,
    url,
    sink,
    seeded,
    shape,
    leadMs,
    label,
  }: { server: Server; url: string; sink: Sink; seeded: Attendees; shape: Shape; leadMs: number; label: string },
): Promise<ReminderRun> {
  const total = shape.events * shape.perEvent;
  const due = Math.ceil((epochNow() + leadMs) / 1000) * 1000;
  const startsAt = new Date(due + BAR_MS).toISOString();
  const eventIds: string[] = [];
  for (let k = 0; k < shape.events; k++) {
    eventIds.push(await createEventOverHttp(server.origin, seeded.organizer.cookie, `${label} #${k + 1}`, startsAt));
  }
  await withClient(url, async (db) => {
    for (const [k, eventId] of eventIds.entries()) {
      await joinAll(
        db,
        eventId,
        seeded.attendees.slice(k * shape.perEvent, (k + 1) * shape.perEvent).map((a) => a.userId),
      );
    }
  });
  if (epochNow() > due - 1_000) throw new Error(`${label}: setting up took longer than the ${leadMs} ms lead`);
  let notifiedAt = Number.NaN;
  const { done, started: meter } = await sink.run(figure, total, async () => {
    await sleep(due - epochNow());
    const meter = await meterCpu(url, server.child.pid ?? Number.NaN);
    // Polled while the mail flows: the sink resolves the run once the last mail is in.
    await withClient(url, async (db) => {
      while (epochNow() < due + 300_000) {
        const { rows } = await db.query(
          `select count(*)::int as n from notifications where type = 'reminder' and event_id = any($1::uuid[])`,
          [eventIds],
        );
        if (rows[0].n >= total) {
          notifiedAt = epochNow();
          return;
        }
        await sleep(POLL_MS);
      }
    });
    return meter;
  });
  const cpu = await meter.stop();
  const jobs = await withClient(url, async (db) => {
    const { rows } = await db.query(
      `select count(*)::int as n,
              extract(epoch from min(created_at)) * 1000 as first, extract(epoch from max(created_at)) * 1000 as last
       from notifications where type = 'reminder' and event_id = any($1::uuid[])`,
      [eventIds],
    );
    const delivered = await db.query('select count(*)::int as n from reminder_deliveries where event_id = any($1::uuid[])', [eventIds]);
    return { ...rows[0], delivered: delivered.rows[0].n as number } as { n: number; first: number; last: number; delivered: number };
  });
  if (jobs.n !== total || jobs.delivered !== total) {
    figure.error(`${label}: ${jobs.n} reminder notifications and ${jobs.delivered} deliveries stored, expected ${total} of each`);
  }
  return {
    firstJobMs: Number(jobs.first) - due,
    lastJobMs: Number(jobs.last) - due,
    notifiedMs: notifiedAt - due,
    firstMailMs: done.firstAt - due,
    lastMailMs: done.lastAt - due,
    done,
    cpu,
  };
}

export async function remindersFigure(ctx: BenchContext): Promise<void> {
  const { options } = ctx;
  const shape: Shape = { events: options.reminderEvents, perEvent: options.reminderAttendeesPerEvent };
  const total = shape.events * shape.perEvent;
  const figure = ctx.figure(11, `Reminders for ${total.toLocaleString('en-US')} attendees due in the same minute, one process`);
  const database = await createDatabase('remind');
  const dir = mkdtempSync(join(tmpdir(), 'turnout-bench-'));
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    const sink = await startSink();
    cleanups.push(() => sink.close());
    const env = { SMTP_URL: sink.url('turnout'), MAIL_FROM };
    let server = await startTurnout({ database, env });
    cleanups.push(() => server.stop());
    const seeded = await seedAttendees(database.url, total, dir);
    const baseline = await startMailBaseline(sink.url('baseline'), server.origin);
    cleanups.push(() => baseline.close());
    const run = (label: string, runShape: Shape) =>
      reminderRun(figure, { server, url: database.url, sink, seeded, shape: runShape, leadMs: options.reminderLeadMs, label });

    // The baseline mails the reminder of an event like the runs' (its text differs by the title only).
    const mailEvent = await withClient(database.url, async (db) => {
      const sample = await createEvent(db, seeded.organizer.id, { title: 'Reminder run 1 #1' });
      return mailEventOf(db, sample.id);
    });
    const baselineRun = async (count: number) => {
      const meter = await meterCpu(database.url, baseline.pid);
      const { done, started } = await sink.run(figure, count, () =>
        baseline.send({
          kind: 'event_reminder',
          event: mailEvent,
          minutesBefore: MINUTES_BEFORE,
          recipients: seeded.attendees.slice(0, count).map(({ userId, name, email }) => ({ userId, name, email })),
        }),
      );
      return { done, started, cpu: await meter.stop() };
    };

    const warmup = Math.min(100, total);
    if (!options.quick) {
      ctx.log(`reminders: warm-up, 1 event × ${warmup}`);
      await run('Warm-up', { events: 1, perEvent: warmup });
      await baselineRun(warmup);
    }
    const ours: ReminderRun[] = [];
    const direct: Awaited<ReturnType<typeof baselineRun>>[] = [];
    for (let r = 1; r <= options.runs; r++) {
      ctx.log(`reminders: run ${r}, ${shape.events} events × ${shape.perEvent}`);
      direct.push(await baselineRun(total));
      ours.push(await run(`Reminder run ${r}`, shape));
    }
    report(figure, { shape, ours, direct, options, warmup });

    if (ctx.shouldProfile(figure)) {
      await server.stop();
      const profileDir = resultsDir('profiles', `fig11-${Date.now()}`);
      server = await startTurnout({ database, env, nodeFlags: cpuProfFlags(profileDir) });
      await run('Profiled run', shape);
      await server.stop();
      figure.profile({ ...summarizeProfiles(profileDir), dir: `bench/results/profiles/${profileDir.split('/').at(-1)}` });
    }
  } finally {
    await runCleanups(cleanups);
    await dropDatabase(database.name);
  }
}

function report(
  figure: Figure,
  {
    shape,
    ours,
    direct,
    options,
    warmup,
  }: {
    shape: Shape;
    ours: ReminderRun[];
    direct: { done: SinkDone; started: { sendMs: number }; cpu: CpuUse }[];
    options: BenchContext['options'];
    warmup: number;
  },
): void {
  const total = shape.events * shape.perEvent;
  const at = (pick: (r: ReminderRun) => number) => spread(ours.map(pick));
  const phases = {
    firstJob: at((r) => r.firstJobMs),
    lastJob: at((r) => r.lastJobMs),
    notified: at((r) => r.notifiedMs),
    firstMail: at((r) => r.firstMailMs),
    lastMail: at((r) => r.lastMailMs),
    rate: at((r) => steadyRate(r.done)),
  };
  const base = { rate: spread(direct.map((d) => steadyRate(d.done))), last: spread(direct.map((d) => d.started.sendMs)) };
  const rateRatio = phases.rate.median / base.rate.median;
  const timeRatio = phases.lastMail.median / base.last.median;
  const s = (x: ReturnType<typeof spread>, digits = 0) => spreadText(x, digits);
  figure.table(
    ['from the due instant', 'ms'],
    [
      ['first reminder job began', s(phases.firstJob)],
      ['last reminder job began', s(phases.lastJob)],
      [`all ${total.toLocaleString('en-US')} notifications committed (polled every ${POLL_MS} ms)`, s(phases.notified)],
      ['first mail accepted', s(phases.firstMail)],
      [`all ${total.toLocaleString('en-US')} mails accepted`, s(phases.lastMail)],
    ],
    `**${shape.events} events × ${shape.perEvent.toLocaleString('en-US')} joined attendees**, one-minute reminders all due at the same instant, ${options.runs} run(s), median (min–max):`,
  );
  figure.table(
    ['sender', `${total.toLocaleString('en-US')} mails, ms`, 'mails/s, first → last', 'ratio to baseline'],
    [
      [
        'Turnout, 1 process: due → jobs (pg-boss) → SMTP',
        s(phases.lastMail),
        s(phases.rate),
        `${fmt(rateRatio, 2)} (mails/s), ${fmt(timeRatio, 2)} (time)`,
      ],
      ['direct to the SMTP transport (figure 9’s baseline)', s(base.last), s(base.rate), ''],
    ],
    'Turnout timed from the due instant, the baseline from the hand-over; every mail checked to arrive once at its own recipient:',
  );
  figure.table(
    ...cpuTable(
      total,
      ours.map((r) => r.cpu),
      direct.map((d) => d.cpu),
      'Turnout from the due instant to its last mail, the baseline over its run (rendering and sending)',
    ),
  );
  figure.check({
    name: 'all notifications within the minute',
    value: `${fmt(phases.notified.median / 1000, 1)} s (worst ${fmt(phases.notified.max / 1000, 1)} s)`,
    target: `≤ ${BAR_MS / 1000} s`,
    met: options.quick ? null : phases.notified.max <= BAR_MS,
  });
  figure.check({
    name: 'all mails within the minute',
    value: `${fmt(phases.lastMail.median / 1000, 1)} s (worst ${fmt(phases.lastMail.max / 1000, 1)} s), ${fmt(phases.rate.median, 0)} mails/s`,
    baseline: `${fmt(base.last.median / 1000, 1)} s, ${fmt(base.rate.median, 0)} mails/s (direct)`,
    ratio: `${fmt(rateRatio, 2)}×`,
    target: `≤ ${BAR_MS / 1000} s`,
    met: options.quick ? null : phases.lastMail.max <= BAR_MS,
  });
  figure.note(
    `Each run creates ${shape.events} events through \`POST /api/events\` (\`reminders: [${MINUTES_BEFORE}]\`, starting ${MINUTES_BEFORE} min after a due instant ${options.reminderLeadMs / 1000} s ahead, on a whole second), so the server enqueues each event's keyed \`messages.reminder\` job itself; then ${shape.perEvent.toLocaleString('en-US')} attendees per event (each attendee on one event, verified address, mail preferences as shipped) are written straight into \`participations\`, with no confirmation pending. ${shape.events} events × ${shape.perEvent.toLocaleString('en-US')}, not 1 × ${total.toLocaleString('en-US')}: a conference hour with parallel sessions is the common way ${total.toLocaleString('en-US')} people start at once, and it lets \`JOBS_CONCURRENCY\` (10) reminder jobs run side by side, where one event would make one job do all ${total.toLocaleString('en-US')} in one transaction (either way the mail leaves as ${Math.ceil(total / 100)} jobs of 100).`,
  );
  figure.note(
    `What a reminder job does, in one transaction: claim the event's \`reminder_deliveries\`, read the event and its readers, insert one \`reminder\` notification per attendee (published live after COMMIT) and enqueue \`messages.mail\` jobs of 100. Each mail job checks the event and who is still joined, then sends each mail through the process's SMTP pool (5 connections), checked and recorded in \`mails\`; ${'`JOBS_CONCURRENCY`'}=10 jobs of each kind at once, pg-boss polling every 2 s when idle. "Job began" is the notifications' \`created_at\` (the job's clock at its start); "committed" is when this orchestrator's poll of \`notifications\` first counted them all. The sink (smtp-server on core 1, no parsing) stamps each mail. The baseline renders the same reminder mails with Turnout's templates beforehand (untimed) and hands all ${total.toLocaleString('en-US')} at once to Turnout's SMTP transport (nodemailer's pool, the same options, headers and parts): no queue, no database. Baseline and Turnout runs alternate${options.quick ? '' : `, after a warm-up of 1 event × ${warmup} and ${warmup} baseline mails`}. Cores: Turnout and the baseline on core 0 (\`taskset\`), the sink and this orchestrator on core 1, PostgreSQL unpinned.`,
  );
  if (!options.quick && phases.lastMail.max > BAR_MS) {
    const sending = phases.lastMail.median - phases.firstMail.median;
    figure.note(
      `**Missed:** the last mail arrived ${fmt(phases.lastMail.median / 1000, 1)} s after the due instant (median), ${fmt((phases.lastMail.median - BAR_MS) / 1000, 1)} s after the events started. Of that, ${fmt(phases.firstMail.median / 1000, 1)} s passed before the first mail (the reminder jobs' poll and transactions, then the mail jobs' poll) and ${fmt(sending / 1000, 1)} s went to sending at ${fmt(phases.rate.median, 0)} mails/s, where the baseline sends ${fmt(base.rate.median, 0)} mails/s through the same pool: the per-mail work of the mail jobs dominates.`,
    );
  }
}
