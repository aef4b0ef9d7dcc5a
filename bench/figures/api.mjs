// Figures 1 and 2: the event list and a trivial authenticated route, Turnout against bare node:http + pg.
import { join } from 'node:path';
import { createDatabase, dropDatabase, withClient } from '../lib/database.mjs';
import { assertSameAnswer, compareHttp, loadOnce } from '../lib/http-figure.mjs';
import { freePort, SERVER_CORE, start, waitForHttp } from '../lib/proc.mjs';
import { cpuProfFlags, summarizeProfiles } from '../lib/profile.mjs';
import { seedEvents, seedUsers } from '../lib/seed.mjs';
import { resultsDir, startTurnout } from '../lib/turnout.mjs';

const RAW_API = new URL('../baselines/raw-api.mjs', import.meta.url).pathname;

/** The raw node:http baseline on the server core, against `target` (a postgres URL or pglite:<dir>). */
export async function startRawApi(target) {
  const port = await freePort();
  const proc = start(SERVER_CORE, process.execPath, [RAW_API, String(port), target]);
  await waitForHttp(`http://127.0.0.1:${port}/readyz`, { proc });
  return { ...proc, origin: `http://127.0.0.1:${port}` };
}

/** Has the running server got the route yet? (Its not-found handler answers "No route for …".) */
export async function routeExists(origin, path, headers, method = 'GET') {
  const body = method === 'GET' ? undefined : '{}';
  const response = await fetch(`${origin}${path}`, { method, headers: { origin, ...headers }, body });
  const text = await response.text();
  return !(response.status === 404 && text.includes('No route for'));
}

/** Seeds the list scenario: ~500 events, a crowd, and a joiner viewer with participations. */
export async function seedListScenario(db, joiners = 201) {
  const users = await seedUsers(db, { organizers: 10, joiners: Math.max(201, joiners) });
  const { viewer } = await seedEvents(db, users);
  return { users, viewer };
}

export async function apiFigures(ctx) {
  const { options } = ctx;
  const database = await createDatabase('api');
  const turnout = await startTurnout({ database });
  let raw;
  try {
    const { viewer } = await withClient(database.url, (db) => seedListScenario(db));
    raw = await startRawApi(database.url);
    const headers = { cookie: viewer.cookie };
    const cases = [
      { id: 1, path: '/api/events?limit=50', target: 0.8, title: 'Event list API (PostgreSQL)' },
      { id: 2, path: '/api/auth/me', target: 0.9, title: 'Framework overhead: trivial authenticated route' },
    ];
    for (const c of cases) {
      const figure = ctx.figure(c.id, c.title);
      if (!(await routeExists(turnout.origin, c.path, headers))) {
        figure.skip(`\`GET ${c.path.split('?')[0]}\` is not in the server yet (404).`);
        continue;
      }
      const sample = await assertSameAnswer(`${turnout.origin}${c.path}`, `${raw.origin}${c.path}`, headers);
      const [ours, base] = await compareHttp({
        sides: [
          { name: 'Turnout', url: `${turnout.origin}${c.path}` },
          { name: 'raw node:http + pg', url: `${raw.origin}${c.path}` },
        ],
        headers,
        options,
      });
      figure.http(ours, base, { target: c.target });
      figure.note(
        c.id === 1
          ? `\`GET ${c.path}\` as a joiner who is in ${sample.items.filter((e) => e.myParticipation).length} of the 50 events listed (some waitlisted, with positions); 500 upcoming events, 200 other joiners spread over them. Both servers answer byte-for-byte the same JSON (checked before measuring).`
          : `\`GET ${c.path}\`: cookie → SHA-256 → session and user → \`{user}\`. The baseline runs the session-and-user query on every request and answers the same JSON (checked). Turnout keeps a session it has just read from the database in memory for up to 2 s (\`apps/server/src/modules/auth/session-cache.ts\`), so under this load it reads the database about once per 2 s instead of once per request; a logout or expiry handled by this process takes effect at once, one handled by another process within those 2 s (see "Changes made from these measurements").`,
      );
      figure.note(
        `autocannon, 32 connections, ${options.seconds} s per run after a ${options.warmupSeconds} s warm-up per server; runs alternate between the two servers.`,
      );
      if (ctx.shouldProfile(figure)) {
        figure.profile(await profileTurnout(database, `${turnout.origin.replace(/:\d+$/, '')}`, c.path, headers, options, `fig${c.id}`));
      }
    }
  } finally {
    await raw?.stop();
    await turnout.stop();
    await dropDatabase(database.name);
  }
}

/** Runs the same load once against a Turnout started with --cpu-prof and summarises the profile. */
export async function profileTurnout(database, _host, path, headers, options, label) {
  const dir = resultsDir('profiles', `${label}-${Date.now()}`);
  const server = await startTurnout({ database, nodeFlags: cpuProfFlags(dir) });
  try {
    await loadOnce(`${server.origin}${path}`, headers, options.seconds, 32);
  } finally {
    await server.stop();
  }
  return { ...summarizeProfiles(dir), dir: join('bench/results/profiles', dir.split('/').at(-1)) };
}
