// Figure 7: embedded mode (PGlite in the server process): start-up time, the event list against
// the raw node:http baseline on the same PGlite files, and the join rush.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { compareHttp } from '../lib/http-figure.mjs';
import { fmt, spreadText } from '../lib/report.mjs';
import { spread } from '../lib/stats.mjs';
import { ROOT, startTurnout } from '../lib/turnout.mjs';
import { routeExists, seedListScenario, startRawApi } from './api.mjs';
import { rushRuns, rushSetup } from './join-rush.mjs';

/** Time from spawning `node apps/server/dist/server.js` to /readyz answering 200. */
async function timeStart(dataDir) {
  const server = await startTurnout({ database: { dataDir } });
  await server.stop();
  return server.readyMs;
}

/** Seeds PGlite files directly (the server stopped), with the server's own PGlite build. */
async function seedPglite(dataDir, joiners) {
  const require = createRequire(join(ROOT, 'apps/server/package.json'));
  const { PGlite } = await import(require.resolve('@electric-sql/pglite'));
  const db = await PGlite.create(`${dataDir}/pglite`);
  try {
    return await seedListScenario(db, joiners);
  } finally {
    await db.close();
  }
}

export async function embeddedFigures(ctx) {
  const { options } = ctx;
  const figure = ctx.figure(7, 'Embedded mode (PGlite)');
  const base = mkdtempSync(join(tmpdir(), 'turnout-bench-pglite-'));
  try {
    // Start-up: a fresh DATA_DIR (creates the database and migrates) and an existing one.
    const fresh = [];
    const existing = [];
    for (let r = 0; r < options.startupRuns; r++) {
      const dir = join(base, `startup-${r}`);
      fresh.push(await timeStart(dir));
      existing.push(await timeStart(dir));
      if (r > 0) rmSync(dir, { recursive: true, force: true });
    }
    const f = spread(fresh);
    const e = spread(existing);
    figure.table(
      ['DATA_DIR', 'spawn → /readyz 200, ms'],
      [
        ['fresh (creates the files, migrates)', spreadText(f, 0)],
        ['existing', spreadText(e, 0)],
      ],
      '**Start-up** (`node apps/server/dist/server.js`, polled every 20 ms):',
    );
    figure.check({
      name: 'start-up on an existing DATA_DIR',
      value: `${fmt(e.median, 0)} ms`,
      baseline: `${fmt(f.median, 0)} ms fresh`,
      target: 'reported',
      met: null,
    });
    figure.note(`\`npm start\` is \`npm run build\` then this start; the build is not timed here.`);

    // Data: the list scenario of figure 1 and the rush's joiners, written while the server is stopped.
    const dataDir = join(base, 'startup-0');
    const { users, viewer } = await seedPglite(dataDir, options.joiners);
    const headers = { cookie: viewer.cookie };
    const path = '/api/events?limit=50';

    let turnout = await startTurnout({ database: { dataDir } });
    if (!(await routeExists(turnout.origin, path.split('?')[0], headers))) {
      await turnout.stop();
      figure.note('The event list and join figures wait for `GET /api/events` in the server.');
      return;
    }
    const turnoutAnswer = await (await fetch(`${turnout.origin}${path}`, { headers })).json();
    const [ours] = await compareHttp({ sides: [{ name: 'Turnout on PGlite', url: `${turnout.origin}${path}` }], headers, options });
    await turnout.stop();
    const raw = await startRawApi(`pglite:${dataDir}`);
    const rawAnswer = await (await fetch(`${raw.origin}${path}`, { headers })).json();
    const [theirs] = await compareHttp({ sides: [{ name: 'raw node:http + PGlite', url: `${raw.origin}${path}` }], headers, options });
    await raw.stop();
    if (!isDeepStrictEqual(turnoutAnswer, rawAnswer)) {
      figure.error(
        'the raw PGlite baseline does not answer the same JSON as Turnout for the event list (update bench/baselines/raw-api.mjs)',
      );
    }
    figure.http(ours, theirs, { target: 0.8 });
    figure.note(
      `**Event list** \`GET ${path}\`, the same data and load as figure 1 (answers checked equal). PGlite allows one process per directory, so the two servers take turns: all of Turnout's runs, then all of the baseline's.`,
    );

    // Join rush on the single embedded connection.
    turnout = await startTurnout({ database: { dataDir } });
    try {
      if (
        !(await routeExists(
          turnout.origin,
          '/api/events/00000000-0000-4000-8000-000000000000/participation',
          { cookie: users.organizers[0].cookie },
          'PUT',
        ))
      ) {
        figure.note('The join rush waits for `PUT /api/events/:id/participation` in the server.');
        return;
      }
      const rushResult = await rushRuns(turnout, rushSetup(users), options);
      const ok = rushResult.outcomes.every((o) => o.ok);
      figure.table(
        ['', 'joins/s', 'p50 ms', 'p99 ms', 'max ms'],
        [
          [
            'Turnout on PGlite',
            spreadText(rushResult.joinsPerSecond, 0),
            spreadText(rushResult.p50, 1),
            spreadText(rushResult.p99, 1),
            spreadText(rushResult.max, 1),
          ],
        ],
        `**Join rush**: ${options.joiners.toLocaleString('en-US')} joiners at once on a ${options.seats}-seat event, as in figure 5:`,
      );
      figure.check({
        name: 'join rush correctness',
        value: (rushResult.outcomes.find((o) => !o.ok) ?? rushResult.outcomes[0]).text,
        target: `exactly ${options.seats} seated, every run`,
        met: ok,
      });
      figure.check({
        name: 'join rush',
        value: `${fmt(rushResult.joinsPerSecond.median, 0)} joins/s, p99 ${fmt(rushResult.p99.median, 0)} ms`,
        target: 'reported (one embedded connection: joins run one at a time)',
        met: null,
      });
      if (!ok) figure.error(`PGlite join rush outcome wrong: ${rushResult.outcomes.map((o) => o.text).join(' | ')}`);
    } finally {
      await turnout.stop();
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
