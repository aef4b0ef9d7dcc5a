// Figure 9: mail throughput. Password-reset mails enqueued in bulk as the server's own jobs, run by
// 1 and by 2 Turnout processes on PostgreSQL (each job makes its token, renders the MJML template,
// sends through SMTP and records the mail), against the same rendered mails handed straight to
// nodemailer with the same pool options. One SMTP sink on the load core counts them all.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createDatabase, dropDatabase, withClient } from '../lib/database.mjs';
import { jsonChild } from '../lib/json-child.mjs';
import { LOAD_CORE, SERVER_CORE } from '../lib/proc.mjs';
import { cpuProfFlags, summarizeProfiles } from '../lib/profile.mjs';
import { fmt, spreadText } from '../lib/report.mjs';
import { spread } from '../lib/stats.mjs';
import { ROOT, resultsDir, startTurnout } from '../lib/turnout.mjs';

const SINK = new URL('../load/smtp-sink.mjs', import.meta.url).pathname;
const BASELINE = new URL('../baselines/direct-nodemailer.mjs', import.meta.url).pathname;
const QUEUE = 'auth.password-reset';
const FROM = 'Turnout <mail@bench.test>';
// Any string works as a hash: nobody logs in here.
const PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hiZW5jaGJlbmNo$0000000000000000000000000000000000000000000';
const now = () => performance.timeOrigin + performance.now();

/** `count` users with verified addresses bench-mail-<i>@example.test: who the reset mails go to. */
async function seedRecipients(url, count) {
  await withClient(url, (client) =>
    client.query(
      `insert into users (name, role, password_hash, email, email_verified_at)
       select 'bench_m_' || i, 'joiner', $1, 'bench-mail-' || i || '@example.test', now() from generate_series(1, $2::int) i`,
      [PASSWORD_HASH, count],
    ),
  );
  return Array.from({ length: count }, (_, i) => ({ name: `bench_m_${i + 1}`, email: `bench-mail-${i + 1}@example.test` }));
}

/** pg-boss from the server's own install, on the server's schema: the bench enqueues through it. */
async function openQueue(url) {
  const require = createRequire(join(ROOT, 'apps/server/package.json'));
  const { default: PgBoss } = await import(require.resolve('pg-boss'));
  const boss = new PgBoss({ connectionString: url, schema: 'pgboss', supervise: false, schedule: false, migrate: false, max: 2 });
  boss.on('error', () => {});
  await boss.start();
  return boss;
}

/** Rates across runs; each run is {count, firstAt, lastAt, startedAt?, byUser, duplicates, recipients}. */
function summarize(done) {
  const steady = spread(done.map((d) => ((d.count - 1) * 1000) / (d.lastAt - d.firstAt)));
  const endToEnd = done[0].startedAt === undefined ? undefined : spread(done.map((d) => (d.count * 1000) / (d.lastAt - d.startedAt)));
  const pickup = done[0].startedAt === undefined ? undefined : spread(done.map((d) => d.firstAt - d.startedAt));
  return { steady, endToEnd, pickup, done };
}

export async function mailFigures(ctx) {
  const { options } = ctx;
  const figure = ctx.figure(9, 'Mail throughput (PostgreSQL)');
  const count = options.mails;
  const database = await createDatabase('mail');
  const cleanups = [];
  try {
    const sink = jsonChild(LOAD_CORE, [SINK]);
    cleanups.push(() => sink.close());
    const sinkPort = await sink.next('listening');
    const smtpUrl = (user) => `smtp://${user}:bench-secret@127.0.0.1:${sinkPort}`;
    const sinkRun = async (expected, go) => {
      sink.send({ expect: expected });
      await sink.next('expecting');
      const startedAt = await go();
      const done = await sink.next('done');
      if (done.count !== expected || done.recipients !== expected || done.duplicates !== 0) {
        figure.error(`mail: expected ${expected} mails to as many recipients once each, got ${JSON.stringify(done)}`);
      }
      return { ...done, startedAt };
    };

    const turnoutEnv = (user) => ({ SMTP_URL: smtpUrl(user), MAIL_FROM: FROM });
    const first = await startTurnout({ database, env: turnoutEnv('process-1') });
    cleanups.push(() => first.stop());
    const recipients = await seedRecipients(database.url, count);
    const boss = await openQueue(database.url);
    cleanups.push(() => boss.stop({ graceful: false, wait: true }));
    const enqueue = async (n) => {
      const startedAt = now();
      await boss.insert(recipients.slice(0, n).map(({ email }) => ({ name: QUEUE, data: { email } })));
      return startedAt;
    };

    // Baseline: the same mails, rendered before the clock starts, straight into nodemailer.
    const baseline = jsonChild(
      SERVER_CORE,
      ['--import', 'tsx', BASELINE, JSON.stringify({ smtpUrl: smtpUrl('baseline'), from: FROM, origin: first.origin })],
      {
        cwd: join(ROOT, 'bench'),
      },
    );
    cleanups.push(() => baseline.close());
    await baseline.next('ready', 60_000);
    const baselineRun = (n) =>
      sinkRun(n, async () => {
        baseline.send({ names: recipients.slice(0, n).map((r) => r.name), emails: recipients.slice(0, n).map((r) => r.email) });
        return undefined;
      });
    const turnoutRun = (n) => sinkRun(n, () => enqueue(n));
    // Baseline and Turnout runs alternate, so both meet the same load from the rest of the machine.
    const paired = async () => {
      await baselineRun(Math.min(count, 50));
      await turnoutRun(Math.min(count, 50));
      const base = [];
      const ours = [];
      for (let r = 0; r < options.runs; r++) {
        base.push(await baselineRun(count));
        ours.push(await turnoutRun(count));
      }
      return [summarize(base), summarize(ours)];
    };
    const [direct1, one] = await paired();
    const second = await startTurnout({ database, env: turnoutEnv('process-2') });
    cleanups.push(() => second.stop());
    const [direct2, two] = await paired();
    await baseline.close();
    const shares = two.done.map((d) => `${d.byUser['process-1'] ?? 0} / ${d.byUser['process-2'] ?? 0}`);
    if (two.done.some((d) => !d.byUser['process-1'] || !d.byUser['process-2'])) {
      figure.error(`mail: with 2 processes one of them sent nothing (${shares.join(', ')})`);
    }

    const ratio1 = one.steady.median / direct1.steady.median;
    const ratio2 = two.steady.median / direct2.steady.median;
    figure.table(
      [
        'sender',
        'mails/s, first → last mail',
        'mails/s, enqueue → last mail',
        'enqueue → first mail, ms',
        'ratio to baseline (first → last)',
      ],
      [
        ['nodemailer direct (baseline), alternating with 1 process', spreadText(direct1.steady, 0), '', '', ''],
        ['Turnout, 1 process', spreadText(one.steady, 0), spreadText(one.endToEnd, 0), spreadText(one.pickup, 0), fmt(ratio1, 2)],
        ['nodemailer direct (baseline), alternating with 2 processes', spreadText(direct2.steady, 0), '', '', ''],
        ['Turnout, 2 processes', spreadText(two.steady, 0), spreadText(two.endToEnd, 0), spreadText(two.pickup, 0), fmt(ratio2, 2)],
      ],
      `**${count} password-reset mails** per run, every one checked to arrive once at its own recipient:`,
    );
    for (const [name, side, base, ratio] of [
      ['1 process', one, direct1, ratio1],
      ['2 processes', two, direct2, ratio2],
    ]) {
      figure.check({
        name: `mails/s, ${name}`,
        value: `${fmt(side.steady.median, 0)} mails/s`,
        baseline: `${fmt(base.steady.median, 0)} mails/s`,
        ratio: `${fmt(ratio, 2)}×`,
        target: '≥ 0.8×',
        met: options.quick ? null : ratio >= 0.8,
      });
    }
    figure.note(
      `What is timed: the bench process inserts the ${count} jobs of \`${QUEUE}\` in one statement through pg-boss (the server's own install and schema), as \`POST /api/auth/password/forgot\` would one by one; the server processes poll for them (every 2 s when idle), and each job looks the address up, stores its token's hash, renders the MJML template, sends through the process's SMTP pool (nodemailer, ${'`smtpPoolOptions`'}: 5 connections) and records the mail in \`mails\`. The sink (smtp-server on core 1, no parsing) stamps each arrival; "first → last mail" is the sending rate once mail flows, "enqueue → last mail" adds the wait for a poll. The baseline renders the same template beforehand (untimed) and hands all ${count} mails at once to nodemailer with the same pool options and the same sink, with no queue and no database.`,
    );
    figure.note(
      `Cores: each Turnout process and the baseline on core 0 (\`taskset\`), the SMTP sink and this orchestrator on core 1; PostgreSQL unpinned. With 2 processes both share core 0 (mails sent by process 1 / process 2, per run: ${shares.join(', ')}). Defaults as shipped: \`JOBS_CONCURRENCY=10\` jobs of a kind at once per process, \`DATABASE_POOL_MAX=20\`. ${options.runs} run(s) of each side, baseline and Turnout alternating, after a ${Math.min(count, 50)}-mail warm-up of each; median (min–max).`,
    );

    if (ctx.shouldProfile(figure)) {
      await second.stop();
      await first.stop();
      const dir = resultsDir('profiles', `fig9-${Date.now()}`);
      const profiled = await startTurnout({ database, env: turnoutEnv('process-1'), nodeFlags: cpuProfFlags(dir) });
      try {
        await turnoutRun(count);
      } finally {
        await profiled.stop();
      }
      figure.profile({ ...summarizeProfiles(dir), dir: join('bench/results/profiles', dir.split('/').at(-1)) });
    }
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    await dropDatabase(database.name);
  }
}
