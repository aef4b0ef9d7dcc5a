// Figures 3, 4 and 6: broadcast fan-out on one process and across two (Redis), against a bare
// Socket.IO server, and the memory an idle connected socket costs.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { createDatabase, dropDatabase, withClient } from '../lib/database.mjs';
import { collectGarbage, INSPECT_FLAG, inspectorUrl, readMemory } from '../lib/inspector.mjs';
import { freePort, runLoad, SERVER_CORE, start, waitForHttp } from '../lib/proc.mjs';
import { cpuProfFlags, summarizeProfiles } from '../lib/profile.mjs';
import { fmt, spreadText } from '../lib/report.mjs';
import { createEvent, seedUsers } from '../lib/seed.mjs';
import { spread } from '../lib/stats.mjs';
import { resultsDir, startTurnout } from '../lib/turnout.mjs';

const IDLE_BEFORE_READING_MS = 5_000;

const CLIENT = new URL('../load/fanout-client.mjs', import.meta.url).pathname;
const BARE = new URL('../baselines/bare-socketio.mjs', import.meta.url).pathname;
const RATE = 10;

/** The bare Socket.IO server (figure 3's baseline) on the server core. */
export async function startBare(nodeFlags = []) {
  const port = await freePort();
  const proc = start(SERVER_CORE, process.execPath, [...nodeFlags, BARE, String(port)]);
  const origin = `http://127.0.0.1:${port}`;
  await waitForHttp(`${origin}/readyz`, { proc });
  return { ...proc, origin };
}

/** Can a logged-in socket connect to Turnout yet? (false while the gateway has not landed.) */
export async function socketsAccepted(origin, cookie) {
  return new Promise((resolve) => {
    const socket = io(origin, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 5_000,
      extraHeaders: { cookie, origin },
    });
    const done = (ok) => {
      socket.close();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('connect_error', () => done(false));
  });
}

/** Memory of a server after a full GC (through its inspector). */
async function settledMemory(server) {
  await collectGarbage(inspectorUrl(server.output.stderr));
  return readMemory(server.metricsOrigin ?? server.origin);
}

/**
 * One measurement: the client connects `sockets`, optionally the server's memory is read before
 * and after, then the timed writes. Returns the client's result (and memory).
 */
async function measure({ origins, writeOrigin, sockets, env, options, memoryOf }) {
  const before = memoryOf ? await settledMemory(memoryOf) : null;
  let after = null;
  const result = await runLoad(
    CLIENT,
    {
      origins,
      writeOrigin,
      sockets,
      cookiesFile: env.cookiesFile,
      writerCookie: env.writerCookie,
      eventId: env.eventId,
      version: env.version,
      rate: RATE,
      runs: options.runs,
      writesPerRun: options.writesPerRun,
      warmupWrites: options.warmupWrites,
      hold: true,
    },
    {
      stdin: true,
      timeoutMs: 600_000,
      async onMessage(message, proc) {
        if (!('connected' in message)) return;
        if (memoryOf) {
          // Let the sockets sit idle past the handshakes' short-lived state (Turnout's 2 s session
          // cache is pruned a TTL after it expires) before reading.
          await new Promise((resolve) => setTimeout(resolve, IDLE_BEFORE_READING_MS));
          after = await settledMemory(memoryOf);
        }
        proc.child.stdin.write('go\n');
      },
    },
  );
  if (result.disconnected > 0) throw new Error(`${result.disconnected} of ${sockets} sockets were disconnected during the run`);
  return { ...result, memory: before && after ? { before, after } : null };
}

const summarize = (result) => ({
  p50: spread(result.runs.map((r) => r.delivery.p50)),
  p99: spread(result.runs.map((r) => r.delivery.p99)),
  max: spread(result.runs.map((r) => r.delivery.max)),
  lastP99: spread(result.runs.map((r) => r.lastSocket.p99)),
  ratio: spread(result.runs.map((r) => r.ratio)),
  writeP50: spread(result.runs.map((r) => r.write.p50)),
  loadCpu: spread(result.runs.map((r) => r.loadCpu)),
});

const row = (name, s) => [
  name,
  spreadText(s.p50, 1),
  spreadText(s.p99, 1),
  spreadText(s.max, 1),
  spreadText(s.lastP99, 1),
  `${(s.ratio.median * 100).toFixed(3)} %`,
  spreadText(s.writeP50, 1),
  `${Math.round(s.loadCpu.median * 100)} %`,
];
const COLUMNS = [
  'server',
  'delivery p50 ms',
  'delivery p99 ms',
  'max ms',
  'last socket p99 ms',
  'delivered',
  'write p50 ms',
  'load core busy',
];

export async function fanoutFigures(ctx) {
  const { options } = ctx;
  const f3 = ctx.figure(3, 'Broadcast fan-out, one process');
  const f4 = ctx.figure(4, 'Cross-process fan-out (2 processes + Redis)');
  const f6 = ctx.figure(6, 'Memory per idle socket');
  const maxSockets = Math.max(...options.socketCounts, options.crossSockets, options.memorySockets);
  const database = await createDatabase('fanout');
  const dir = mkdtempSync(join(tmpdir(), 'turnout-bench-'));
  const servers = [];
  const track = (server) => {
    servers.push(server);
    return server;
  };
  try {
    const probe = track(await startTurnout({ database }));
    const env = await withClient(database.url, async (db) => {
      const users = await seedUsers(db, { organizers: 1, joiners: maxSockets });
      const event = await createEvent(db, users.organizers[0].id, { title: 'Fan-out #0' });
      const cookiesFile = join(dir, 'cookies.json');
      writeFileSync(cookiesFile, JSON.stringify(users.joiners.map((j) => j.cookie)));
      return {
        cookiesFile,
        writerCookie: users.organizers[0].cookie,
        eventId: event.id,
        version: event.version,
        firstCookie: users.joiners[0].cookie,
      };
    });
    if (!(await socketsAccepted(probe.origin, env.firstCookie))) {
      const reason = 'Turnout does not accept Socket.IO connections yet (the gateway in apps/server/src/realtime has not landed).';
      for (const f of [f3, f4, f6]) f.skip(reason);
      return;
    }
    await probe.stop();
    const refreshVersion = () =>
      withClient(database.url, async (db) => {
        env.version = (await db.query('select version from events where id = $1', [env.eventId])).rows[0].version;
      });

    const single = new Map();
    for (const sockets of options.socketCounts) {
      ctx.log(`fan-out: ${sockets} sockets`);
      const memoryRun = sockets === options.memorySockets;
      const flags = memoryRun ? [INSPECT_FLAG] : [];
      await refreshVersion();
      const turnout = track(await startTurnout({ database, nodeFlags: flags }));
      const ours = await measure({
        origins: [turnout.origin],
        writeOrigin: turnout.origin,
        sockets,
        env,
        options,
        memoryOf: memoryRun ? turnout : null,
      });
      await turnout.stop();
      const bare = track(await startBare(flags));
      const base = await measure({
        origins: [bare.origin],
        writeOrigin: bare.origin,
        sockets,
        env: { ...env, version: 1 },
        options,
        memoryOf: memoryRun ? bare : null,
      });
      await bare.stop();
      const o = summarize(ours);
      const b = summarize(base);
      single.set(sockets, o);
      f3.table(
        COLUMNS,
        [
          row('Turnout', o),
          row('bare Socket.IO', b),
          [
            'ratio Turnout / bare',
            fmt(o.p50.median / b.p50.median, 2),
            fmt(o.p99.median / b.p99.median, 2),
            '',
            fmt(o.lastP99.median / b.lastP99.median, 2),
            '',
            '',
            '',
          ],
        ],
        `**${sockets.toLocaleString('en-US')} sockets**, ${RATE} writes/s, ${options.writesPerRun} writes per run:`,
      );
      const p99Ratio = o.p99.median / b.p99.median;
      f3.check({
        name: `${sockets} sockets: delivered`,
        value: `${(o.ratio.min * 100).toFixed(3)} % (worst run)`,
        baseline: `${(b.ratio.min * 100).toFixed(3)} %`,
        target: '100 %',
        met: o.ratio.min === 1,
      });
      f3.check({
        name: `${sockets} sockets: delivery p99`,
        value: `${fmt(o.p99.median, 1)} ms`,
        baseline: `${fmt(b.p99.median, 1)} ms`,
        ratio: `${fmt(p99Ratio, 2)}×`,
        target: '≤ 1.3×',
        met: p99Ratio <= 1.3,
      });
      if (memoryRun) memoryFigure(f6, sockets, ours.memory, base.memory);
      saturationNote(f3, sockets, [o, b]);
    }
    f3.note(
      `Every socket belongs to its own logged-in joiner (one session each) and watches the event list; the writer is the event's organizer, writing \`PATCH /api/events/:id {title, version}\` over HTTP ${RATE} times a second from the process that holds the sockets (socket.io-client, \`transports: ['websocket']\`), so the timestamp taken just before each request and each arrival share one clock. Delivery latency is per socket and message; "last socket" is, per write, the time until the last socket had it. ${options.warmupWrites} warm-up writes are discarded. The bare server answers the same PATCH from memory and broadcasts the same \`event:updated {event}\` payload. "load core busy" is the CPU the client process used on core 1: near 100 % means the load side, not the server, sets the pace.`,
    );

    // Figure 4: two processes sharing broadcasts through a Redis of the benchmark's own.
    const sockets = options.crossSockets;
    ctx.log(`cross-process fan-out: ${sockets} sockets`);
    const redisPort = await freePort();
    const redis = track(
      start(SERVER_CORE, 'redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']),
    );
    await waitForRedis(redisPort, redis);
    await refreshVersion();
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    const a = track(await startTurnout({ database, redisUrl }));
    const b = track(await startTurnout({ database, redisUrl }));
    const cross = summarize(await measure({ origins: [a.origin, b.origin], writeOrigin: a.origin, sockets, env, options }));
    await Promise.all([a.stop(), b.stop()]);
    await redis.stop();
    let one = single.get(sockets);
    if (!one) {
      await refreshVersion();
      const s = track(await startTurnout({ database }));
      one = summarize(await measure({ origins: [s.origin], writeOrigin: s.origin, sockets, env, options }));
      await s.stop();
    }
    const ratio = cross.p99.median / one.p99.median;
    saturationNote(f4, sockets, [cross]);
    f4.table(
      COLUMNS,
      [
        row('Turnout × 2 + Redis', cross),
        row('Turnout × 1 (figure 3)', one),
        [
          'ratio',
          fmt(cross.p50.median / one.p50.median, 2),
          fmt(ratio, 2),
          '',
          fmt(cross.lastP99.median / one.lastP99.median, 2),
          '',
          '',
          '',
        ],
      ],
      `**${sockets.toLocaleString('en-US')} sockets**, half on each process, writes through the first:`,
    );
    f4.check({
      name: `${sockets} sockets: delivered`,
      value: `${(cross.ratio.min * 100).toFixed(3)} % (worst run)`,
      target: '100 %',
      met: cross.ratio.min === 1,
    });
    f4.check({
      name: `${sockets} sockets: delivery p99`,
      value: `${fmt(cross.p99.median, 1)} ms`,
      baseline: `${fmt(one.p99.median, 1)} ms (one process)`,
      ratio: `${fmt(ratio, 2)}×`,
      target: '≤ 1.5×',
      met: ratio <= 1.5,
    });
    f4.note(
      `Both Turnout processes and the benchmark's own redis-server (port ${redisPort}, no persistence) run on core 0; PostgreSQL is shared. Sockets alternate between the two processes; the writes go through the first, so half the sockets get each message through the Redis Streams adapter.`,
    );
    if (ctx.shouldProfile(f3) || ctx.shouldProfile(f4)) {
      const top = options.socketCounts.at(-1);
      await refreshVersion();
      const profileDir = resultsDir('profiles', `fig3-${Date.now()}`);
      const s = track(await startTurnout({ database, nodeFlags: cpuProfFlags(profileDir) }));
      await measure({ origins: [s.origin], writeOrigin: s.origin, sockets: top, env, options: { ...options, runs: 1 } });
      await s.stop();
      (ctx.shouldProfile(f3) ? f3 : f4).profile({
        ...summarizeProfiles(profileDir),
        dir: `bench/results/profiles/${profileDir.split('/').at(-1)}`,
      });
    }
  } finally {
    for (const server of servers) await server.stop();
    await dropDatabase(database.name);
  }
}

/** Says so when the load core, not the server, set the pace of a measurement. */
function saturationNote(figure, sockets, summaries) {
  const busiest = Math.max(...summaries.map((s) => s.loadCpu.median));
  if (busiest < 0.9) return;
  figure.note(
    `At ${sockets.toLocaleString('en-US')} sockets the load core was ${Math.round(busiest * 100)} % busy: one core decodes ${(sockets * RATE).toLocaleString('en-US')} Socket.IO messages a second, so these latencies include the client's own queueing, for Turnout and the baseline alike, and the ratio is less sharp than at lower counts.`,
  );
}

function memoryFigure(figure, sockets, ours, base) {
  const per = (m) => ({ heap: (m.after.heapUsed - m.before.heapUsed) / sockets, rss: (m.after.rss - m.before.rss) / sockets });
  const o = per(ours);
  const b = per(base);
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
  figure.table(
    ['server', 'heap used before → after', 'RSS before → after', 'heap per socket', 'RSS per socket'],
    [
      [
        'Turnout',
        `${mb(ours.before.heapUsed)} → ${mb(ours.after.heapUsed)}`,
        `${mb(ours.before.rss)} → ${mb(ours.after.rss)}`,
        kb(o.heap),
        kb(o.rss),
      ],
      [
        'bare Socket.IO',
        `${mb(base.before.heapUsed)} → ${mb(base.after.heapUsed)}`,
        `${mb(base.before.rss)} → ${mb(base.after.rss)}`,
        kb(b.heap),
        kb(b.rss),
      ],
    ],
    `**${sockets.toLocaleString('en-US')} idle sockets:**`,
  );
  figure.check({
    name: 'heap per idle socket',
    value: kb(o.heap),
    baseline: `${kb(b.heap)} (bare)`,
    ratio: `${fmt(o.heap / b.heap, 2)}×`,
    target: '≤ 10 KB',
    met: o.heap <= 10 * 1024,
  });
  figure.note(
    `Read from each server's \`/metrics\` (\`nodejs_heap_size_used_bytes\`, \`process_resident_memory_bytes\`) after a full garbage collection, before the sockets connect and again once they are connected and have been idle for ${IDLE_BEFORE_READING_MS / 1000} s (past Turnout's 2 s session cache, which holds each handshake's session until a TTL after it expires). The collection is asked for through the V8 inspector (\`node ${INSPECT_FLAG}\`, \`HeapProfiler.collectGarbage\`), open only in this run: the server needs no GC hook. Same run as the ${sockets.toLocaleString('en-US')}-socket fan-out above (memory first, then the writes).`,
  );
}

async function waitForRedis(port, proc) {
  const { createConnection } = await import('node:net');
  for (let i = 0; i < 200; i++) {
    const ok = await new Promise((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.write('PING\r\n');
        socket.once('data', (data) => {
          socket.destroy();
          resolve(String(data).startsWith('+PONG'));
        });
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (proc.child.exitCode !== null) throw new Error(`redis-server exited:\n${proc.output.stdout}${proc.output.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server on port ${port} did not answer`);
}
