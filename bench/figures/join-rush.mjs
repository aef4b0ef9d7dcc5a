// Figure 5: 1 000 joiners rushing a 100-seat event through the HTTP API on PostgreSQL, against
// pgbench running the same transaction with the server's database concurrency (its pool size).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, dropDatabase, withClient } from '../lib/database.mjs';
import { LOAD_CORE, pinned, runLoad } from '../lib/proc.mjs';
import { cpuProfFlags, summarizeProfiles } from '../lib/profile.mjs';
import { fmt, spreadText } from '../lib/report.mjs';
import { seedUsers } from '../lib/seed.mjs';
import { expectedRush, joinSqlForPgbench } from '../lib/sources.mjs';
import { spread, summarizeMs } from '../lib/stats.mjs';
import { resultsDir, startTurnout } from '../lib/turnout.mjs';
import { routeExists } from './api.mjs';

const RUSH = new URL('../load/join-rush.mjs', import.meta.url).pathname;
export const POOL = 20;

/** A new event through the API, as its organizer would create it. */
export async function createEventOverHttp(origin, cookie, capacity, title = 'Join rush') {
  const response = await fetch(`${origin}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin },
    body: JSON.stringify({
      title,
      location: 'Hall 1',
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      timezone: 'Europe/Berlin',
      durationMinutes: 60,
      capacity,
    }),
  });
  const body = await response.json();
  if (response.status !== 201) throw new Error(`POST /api/events answered ${response.status}: ${JSON.stringify(body)}`);
  return body.event.id;
}

/** Through the organizer's attendee list: the seating rules' outcome (`expected`), the waitlist 1…n in order. */
async function checkOutcome(origin, organizerCookie, eventId, expected) {
  const [eventAnswer, attendeesAnswer] = await Promise.all(
    [`/api/events/${eventId}`, `/api/events/${eventId}/attendees`].map(async (path) => {
      const response = await fetch(`${origin}${path}`, { headers: { cookie: organizerCookie } });
      if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
      return response.json();
    }),
  );
  const { event } = eventAnswer;
  const { joined, waitlisted } = attendeesAnswer;
  const ordered = waitlisted.every((w, i) => w.position === i + 1);
  const ok =
    event.joinedCount === expected.joined &&
    event.waitlistCount === expected.waitlisted &&
    joined.length === expected.joined &&
    waitlisted.length === expected.waitlisted &&
    ordered;
  return {
    ok,
    text: `${joined.length} seated, ${waitlisted.length} waitlisted (positions ${ordered ? '1…n in arrival order' : 'OUT OF ORDER'}); event counts ${event.joinedCount}/${event.waitlistCount}`,
  };
}

/** One rush through Turnout's API, with the outcome checked; failed joins are counted, not thrown. */
export async function rush(server, setup, joiners, seats) {
  const { origin } = server;
  const eventId = await createEventOverHttp(origin, setup.organizerCookie, seats);
  const result = await runLoad(RUSH, { origin, eventId, cookiesFile: setup.cookiesFile, joiners });
  const failures = joiners - (result.statuses[200] ?? 0);
  if (failures > 0) {
    const logged = server.output.stdout
      .split('\n')
      .filter((line) => line.includes('"level":50'))
      .map((line) => JSON.parse(line).err?.message)
      .filter(Boolean);
    const reasons = [...new Set(logged)].slice(0, 3).join('; ');
    return {
      ...result,
      outcome: {
        ok: false,
        text: `${failures} of ${joiners} joins failed: answers ${JSON.stringify(result.statuses)}, first: ${result.firstError}; server log: ${reasons || 'nothing'}`,
      },
    };
  }
  const expected = await expectedRush(joiners, seats);
  const outcome = await checkOutcome(origin, setup.organizerCookie, eventId, expected);
  const answered = result.mine.joined === expected.joined && result.mine.waitlisted === expected.waitlisted && result.positionsAreOneToN;
  return {
    ...result,
    outcome: {
      ok: outcome.ok && answered,
      text: `${outcome.text}; answers: ${result.mine.joined} joined, ${result.mine.waitlisted} waitlisted${result.positionsAreOneToN ? ' with positions 1…n' : ', positions NOT 1…n'}`,
    },
  };
}

/** Writes the joiners' cookies to a file for the load script; returns the rush set-up. */
export function rushSetup(users) {
  const dir = mkdtempSync(join(tmpdir(), 'turnout-bench-'));
  const cookiesFile = join(dir, 'joiners.json');
  writeFileSync(cookiesFile, JSON.stringify(users.joiners.map((j) => j.cookie)));
  return { cookiesFile, organizerCookie: users.organizers[0].cookie, organizerId: users.organizers[0].id };
}

/** Runs warm-up + runs of the rush against a started server; returns the spreads and the outcomes. */
export async function rushRuns(server, setup, options) {
  await rush(server, setup, 100, 10);
  const runs = [];
  for (let r = 0; r < options.runs; r++) runs.push(await rush(server, setup, options.joiners, options.seats));
  return {
    joinsPerSecond: spread(runs.map((x) => x.joinsPerSecond)),
    p50: spread(runs.map((x) => x.latency.p50)),
    p99: spread(runs.map((x) => x.latency.p99)),
    max: spread(runs.map((x) => x.latency.max)),
    outcomes: runs.map((x) => x.outcome),
  };
}

export async function joinRushFigure(ctx) {
  const { options } = ctx;
  const figure = ctx.figure(5, 'Join rush (PostgreSQL)');
  const database = await createDatabase('join');
  let turnout = await startTurnout({ database });
  try {
    const users = await withClient(database.url, (db) => seedUsers(db, { organizers: 1, joiners: options.joiners }));
    const setup = rushSetup(users);
    const probeId = '00000000-0000-4000-8000-000000000000';
    if (!(await routeExists(turnout.origin, `/api/events/${probeId}/participation`, { cookie: setup.organizerCookie }, 'PUT'))) {
      figure.skip('the participation routes (`PUT /api/events/:id/participation`) are not in the server yet.');
      return;
    }
    const ours = await rushRuns(turnout, setup, options);
    const joinSql = await joinSqlForPgbench('<event id>');
    const base = await pgbenchRuns(database.url, users, options);
    const row = (name, s) => [name, spreadText(s.joinsPerSecond, 0), spreadText(s.p50, 1), spreadText(s.p99, 1), spreadText(s.max, 1)];
    const ratio = ours.joinsPerSecond.median / base.joinsPerSecond.median;
    figure.table(
      ['', 'joins/s', 'p50 ms', 'p99 ms', 'max ms'],
      [row('Turnout (HTTP, 1 000 at once)', ours), row(`pgbench (${POOL} clients)`, base), ['ratio', fmt(ratio, 2), '', '', '']],
    );
    const allOk = ours.outcomes.every((o) => o.ok) && base.outcomes.every((o) => o.ok);
    const worst = ours.outcomes.find((o) => !o.ok) ?? ours.outcomes[0];
    figure.check({
      name: 'correctness',
      value: worst.text,
      baseline: base.outcomes[0].text,
      target: `every join answered, exactly ${options.seats} seated, ${options.joiners - options.seats} waitlisted, every run`,
      met: allOk,
    });
    figure.check({
      name: 'joins/s',
      value: `${fmt(ours.joinsPerSecond.median, 0)} joins/s`,
      baseline: `${fmt(base.joinsPerSecond.median, 0)} joins/s`,
      ratio: `${fmt(ratio, 2)}×`,
      target: '≥ 0.5×',
      met: ratio >= 0.5,
    });
    if (!allOk)
      figure.error(
        `join rush outcome wrong: ${[...ours.outcomes, ...base.outcomes]
          .filter((o) => !o.ok)
          .map((o) => o.text)
          .join(' | ')}`,
      );
    figure.note(
      `Each run: a new event with ${options.seats} seats (created through the API), then ${options.joiners.toLocaleString('en-US')} joiners, each with their own session and an already open keep-alive connection, send \`PUT /api/events/:id/participation\` at the same instant. joins/s = joiners ÷ time from the first request sent to the last answer; latency per request (HDR). A 100-joiner rush on a 10-seat event warms up first. The outcome is checked through the organizer's attendee list and the answers (${ours.outcomes[0].text}).`,
    );
    figure.note(
      `pgbench runs the script below with ${POOL} clients (the server's \`DATABASE_POOL_MAX\`: the database never sees more than ${POOL} of Turnout's joins at once), ${options.joiners.toLocaleString('en-US')} transactions in all, pinned to core 1; joins/s is its tps without connection time and latency comes from its per-transaction log. The join is Turnout's own statement, committing on its own as in Turnout; around it Turnout also parses and authenticates each request, answers it, sends the counts to every socket and, after commit, reads the attendee lists for the organizer (at most every 200 ms per event).\n\n\`\`\`sql\n${joinSql}\n\`\`\``,
    );
    if (ctx.shouldProfile(figure) || (!allOk && !options.quick)) {
      await turnout.stop();
      const dir = resultsDir('profiles', `fig5-${Date.now()}`);
      turnout = await startTurnout({ database, nodeFlags: cpuProfFlags(dir) });
      await rush(turnout, setup, options.joiners, options.seats);
      await turnout.stop();
      figure.profile({ ...summarizeProfiles(dir), dir: `bench/results/profiles/${dir.split('/').at(-1)}` });
    }
  } finally {
    await turnout.stop();
    await dropDatabase(database.name);
  }
}

async function pgbenchRuns(url, users, options) {
  const hasPgbench = spawnSync('pgbench', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!hasPgbench) throw new Error('pgbench is not installed (apt-get install postgresql-client)');
  await withClient(url, async (db) => {
    await db.query('create table bench_queue (n int primary key, user_id uuid not null)');
    await db.query('create sequence bench_queue_seq');
    await db.query(`insert into bench_queue select n, id::uuid from json_array_elements_text($1::json) with ordinality as t(id, n)`, [
      JSON.stringify(users.joiners.map((j) => j.id)),
    ]);
  });
  const one = async (joiners, seats) => {
    const { eventId } = await withClient(url, async (db) => {
      await db.query('alter sequence bench_queue_seq restart');
      const { rows } = await db.query(
        `insert into events (organizer_id, title, location, starts_at, duration_minutes, ends_at, timezone, capacity)
         values ($1, 'pgbench rush', 'Hall 1', now() + interval '1 day', 60, now() + interval '1 day 1 hour', 'Europe/Berlin', $2) returning id`,
        [users.organizers[0].id, seats],
      );
      return { eventId: rows[0].id };
    });
    const dir = mkdtempSync(join(tmpdir(), 'turnout-pgbench-'));
    const script = join(dir, 'join.sql');
    writeFileSync(script, await joinSqlForPgbench(eventId));
    const clients = Math.min(POOL, joiners);
    const [cmd, args] = pinned(LOAD_CORE, 'pgbench', [
      '-n',
      '-f',
      script,
      '-c',
      String(clients),
      '-j',
      '1',
      '-t',
      String(Math.ceil(joiners / clients)),
      '--log',
      `--log-prefix=${join(dir, 'log')}`,
      url,
    ]);
    const run = spawnSync(cmd, args, { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`pgbench failed:\n${run.stderr}\n${run.stdout}`);
    const tps = Number(run.stdout.match(/tps = ([0-9.]+) \(without initial connection time\)/)?.[1]);
    const latencies = readdirSync(dir)
      .filter((f) => f.startsWith('log'))
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n'))
      .map((line) => Number(line.split(' ')[2]) / 1000);
    const outcome = await withClient(url, async (db) => {
      const { rows } = await db.query(
        `select count(*) filter (where p.status = 'joined')::int joined, count(*) filter (where p.status = 'waitlisted')::int waitlisted,
                coalesce(max(p.seq) filter (where p.status = 'joined') < min(p.seq) filter (where p.status = 'waitlisted'), true) ordered,
                max(e.joined_count) jc, max(e.waitlist_count) wc
         from participations p join events e on e.id = p.event_id where p.event_id = $1`,
        [eventId],
      );
      const r = rows[0];
      const expected = await expectedRush(joiners, seats);
      return {
        ok:
          r.joined === expected.joined &&
          r.waitlisted === expected.waitlisted &&
          r.ordered &&
          r.jc === expected.joined &&
          r.wc === expected.waitlisted,
        text: `${r.joined} seated, ${r.waitlisted} waitlisted (${r.ordered ? 'seats went to the first arrivals' : 'NOT in arrival order'}); event counts ${r.jc}/${r.wc}`,
      };
    });
    return { tps, latency: summarizeMs(latencies), outcome };
  };
  await one(Math.min(100, options.joiners), 10);
  const runs = [];
  for (let r = 0; r < options.runs; r++) runs.push(await one(options.joiners, options.seats));
  return {
    joinsPerSecond: spread(runs.map((x) => x.tps)),
    p50: spread(runs.map((x) => x.latency.p50)),
    p99: spread(runs.map((x) => x.latency.p99)),
    max: spread(runs.map((x) => x.latency.max)),
    outcomes: runs.map((x) => x.outcome),
  };
}
