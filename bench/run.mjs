#!/usr/bin/env node
// `npm run bench`: every figure, each against its baseline measured in the same run, written to
// BENCHMARKS.md. `-- --quick` is a smoke run (< 2 min, one short run per figure, targets not judged);
// `-- --out <file>` writes elsewhere; `-- --only 1,5` runs some figures; `-- --no-profile` skips the
// CPU profiles taken when a target is missed. Exits non-zero on errors only, never on timings.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { register } from 'tsx/esm/api';
import { apiFigures } from './figures/api.mjs';
import { embeddedFigures } from './figures/embedded.mjs';
import { fanoutFigures } from './figures/fanout.mjs';
import { joinRushFigure } from './figures/join-rush.mjs';
import { mailFigures } from './figures/mail.mjs';
import { webFigures } from './figures/web.mjs';
import { dropAllDatabases, postgresVersion } from './lib/database.mjs';
import { killChildren, LOAD_CORE, pinning, pinSelf } from './lib/proc.mjs';
import { createFigure, renderReport } from './lib/report.mjs';
import { ensureBuilt, ROOT } from './lib/turnout.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const value = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = flag('--quick');
const out = resolve(process.cwd(), value('--out') ?? resolve(ROOT, 'BENCHMARKS.md'));
const only = value('--only')?.split(',').map(Number);

const options = quick
  ? {
      quick,
      runs: 1,
      seconds: 1,
      warmupSeconds: 1,
      socketCounts: [200],
      crossSockets: 200,
      memorySockets: 200,
      writesPerRun: 20,
      warmupWrites: 5,
      joiners: 200,
      seats: 20,
      lighthouseRuns: 1,
      paintSamples: 3,
      startupRuns: 1,
      mails: 200,
      announcementAttendees: 200,
      announcementWarmup: 20,
      reminderEvents: 10,
      reminderAttendeesPerEvent: 20,
      reminderLeadMs: 4_000,
      profile: false,
    }
  : {
      quick,
      runs: 3,
      seconds: 8,
      warmupSeconds: 3,
      socketCounts: [1000, 5000],
      crossSockets: 5000,
      memorySockets: 5000,
      writesPerRun: 50,
      warmupWrites: 20,
      joiners: 1000,
      seats: 100,
      lighthouseRuns: 3,
      paintSamples: 30,
      startupRuns: 3,
      mails: 500,
      announcementAttendees: 5000,
      announcementWarmup: 100,
      reminderEvents: 10,
      reminderAttendeesPerEvent: 1000,
      reminderLeadMs: 10_000,
      profile: !flag('--no-profile'),
    };

const log = (...args) => console.log(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s]`, ...args);
const t0 = performance.now();
const startedAt = new Date();
const loadAtStart = os.loadavg();
pinSelf(LOAD_CORE);

const figures = [];
const ctx = {
  options,
  log,
  figure(id, title) {
    const existing = figures.find((f) => f.id === id);
    if (existing) return existing;
    const figure = createFigure(id, title);
    figures.push(figure);
    return figure;
  },
  shouldProfile: (figure) => options.profile && figure.missed(),
};

// The figures written in TypeScript load through tsx, registered for the whole process (not
// `tsImport`'s own namespace), so they share this process's modules: its list of databases to
// drop and of children to kill on an interrupt.
register();
const typescript = (path, name) => async (ctx) => (await import(path))[name](ctx);

const groups = [
  { ids: [1, 2], titles: ['Event list API (PostgreSQL)', 'Framework overhead: trivial authenticated route'], run: apiFigures },
  {
    ids: [3, 4, 6],
    titles: ['Broadcast fan-out, one process', 'Cross-process fan-out (2 processes + Redis)', 'Memory per idle socket'],
    run: fanoutFigures,
  },
  { ids: [5], titles: ['Join rush (PostgreSQL)'], run: joinRushFigure },
  { ids: [7], titles: ['Embedded mode (PGlite)'], run: embeddedFigures },
  { ids: [8], titles: ['Web'], run: webFigures },
  { ids: [9], titles: ['Mail throughput (PostgreSQL)'], run: mailFigures },
  {
    ids: [10],
    titles: ['Announcement to the attendees of one event'],
    run: typescript('./figures/announcement.ts', 'announcementFigure'),
  },
  {
    ids: [11],
    titles: ['Reminders due in the same minute, one process'],
    run: typescript('./figures/reminders.ts', 'remindersFigure'),
  },
];

let failed = false;
const cleanupAndExit = async (code) => {
  await dropAllDatabases();
  process.exit(code);
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    killChildren();
    void cleanupAndExit(130);
  });
}

try {
  ensureBuilt({ log });
} catch (error) {
  console.error(error.message);
  await cleanupAndExit(1);
}

for (const group of groups) {
  if (only && !group.ids.some((id) => only.includes(id))) continue;
  log(`figures ${group.ids.join(', ')}…`);
  try {
    await group.run(ctx);
  } catch (error) {
    failed = true;
    console.error(error);
    group.ids.forEach((id, i) => {
      const figure = ctx.figure(id, group.titles[i]);
      if (figure.status === 'measured' && figure.checks.length === 0 && figure.tables.length === 0) figure.fail(error);
    });
  }
  for (const id of group.ids) {
    const figure = figures.find((f) => f.id === id);
    if (figure?.status === 'error' || figure?.errors.length > 0) failed = true;
  }
}
await dropAllDatabases();

figures.sort((a, b) => a.id - b.id);
const version = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .trim()
      .split('\n')[0];
  } catch {
    return 'not found';
  }
};
const machine = {
  cores: `${os.cpus().length} (server under test pinned to core 0, load generators to core 1: ${pinning})`,
  CPU: os.cpus()[0]?.model ?? 'unknown',
  memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
  OS: `${os.type()} ${os.release()}`,
  Node: process.version,
  PostgreSQL: `${await postgresVersion().catch(() => 'unreachable')} (system service, not pinned: it shares both cores)`,
  Redis: version('redis-server', ['--version']),
  Chromium: version('chromium', ['--version']),
  'load average (1/5/15 min)': `${loadAtStart.map((l) => l.toFixed(2)).join(' / ')} at the start, ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')} at the end (other work on the machine shows here and widens the spreads)`,
  commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() || 'unknown',
};
const extra = [quick ? '--quick' : '', only ? `--only ${only.join(',')}` : ''].filter(Boolean).join(' ');
const command = `npm run bench${extra ? ` -- ${extra}` : ''}`;
const preface = [
  "**How to read this.** Every figure compares Turnout with a baseline started and measured in the same run, on the same machine, the same data and the same load script. The server under test runs on core 0 and the load generator on core 1 (`taskset`). A warm-up is discarded; each number is the median of the runs with their min–max in brackets. Latencies come from HDR histograms (autocannon's for HTTP, hdr-histogram-js for sockets and joins).",
  '',
  'The server runs as in production (`NODE_ENV=production`, `DATABASE_POOL_MAX=20`) with `LOG_LEVEL=warn` (no per-request log lines; the baselines log nothing either) and the per-address socket limits and per-user write limits raised, since every benchmark socket and request comes from 127.0.0.1 and one organizer makes every edit. Users and sessions are written straight into the database (a session is a random token whose SHA-256 is stored, as the server does), so set-up costs no password hashing.',
];
// The hand-kept record of what was changed because of these figures, with before/after numbers.
const changesFile = resolve(ROOT, 'bench/CHANGES.md');
const changes = existsSync(changesFile) ? `\n${readFileSync(changesFile, 'utf8').trim()}\n` : '';
writeFileSync(
  out,
  renderReport({ figures, machine, command, startedAt, durationS: (performance.now() - t0) / 1000, quick, preface }) + changes,
);
log(`wrote ${out}`);
process.exit(failed ? 1 : 0);
