// Load side of the fan-out figures, on the load core: N Socket.IO clients (websocket transport)
// and the writer in one process, so the write's timestamp and the arrivals share one clock.
// Each write is `PATCH /api/events/:id {title: "Fan-out #<seq>", version}` at a fixed rate; every
// socket's `event:updated` is matched to its write by the title. Prints JSON lines:
// {"connected": …} (then waits for "go" on stdin when `hold`), {"result": {runs: […]}}.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { connectSockets } from '../lib/socket-clients.mjs';
import { latencyHistogram, latencySummary, summarizeMs } from '../lib/stats.mjs';

const input = JSON.parse(process.argv[2]);
const cookies = JSON.parse(readFileSync(input.cookiesFile, 'utf8')).slice(0, input.sockets);
const TITLE = /^Fan-out #(\d+)$/;

const sent = new Map(); // seq → {at, run, arrivals, last}
const sockets = [];
let duplicates = 0;

/** Matches each `event:updated` to its write by the title and records its latency. */
function listen(socket) {
  socket.on('event:updated', (payload) => {
    const at = performance.now();
    const match = TITLE.exec(payload?.event?.title ?? '');
    if (!match) return;
    const write = sent.get(Number(match[1]));
    if (!write) return;
    write.arrivals++;
    if (write.arrivals > cookies.length) duplicates++;
    write.last = at;
    write.run?.histogram.recordValue(Math.max(1, Math.round((at - write.at) * 1000)));
  });
}

const connectStarted = performance.now();
sockets.push(...(await connectSockets(input.origins, cookies, listen)));
console.log(JSON.stringify({ connected: sockets.length, ms: performance.now() - connectStarted }));

if (input.hold) {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) if (line.trim() === 'go') break;
}

let version = input.version;
let seq = 0;
const writeLatencies = [];
async function write(run) {
  seq++;
  const at = performance.now();
  sent.set(seq, { at, run, arrivals: 0, last: 0 });
  const response = await fetch(`${input.writeOrigin}/api/events/${input.eventId}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', cookie: input.writerCookie, origin: input.writeOrigin },
    body: JSON.stringify({ title: `Fan-out #${seq}`, version }),
  });
  const body = await response.json();
  if (response.status !== 200) throw new Error(`PATCH answered ${response.status}: ${JSON.stringify(body)}`);
  version = body.event.version;
  writeLatencies.push(performance.now() - at);
}

/** `count` writes at `rate` per second on a fixed schedule (a slow write delays the next one only). */
async function writes(count, run) {
  const interval = 1000 / input.rate;
  const start = performance.now();
  for (let k = 0; k < count; k++) {
    const due = start + k * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await write(run);
  }
}

async function drain(fromSeq, toSeq, timeoutMs = 10_000) {
  const deadline = performance.now() + timeoutMs;
  const complete = () => {
    for (let s = fromSeq; s <= toSeq; s++) if ((sent.get(s)?.arrivals ?? 0) < sockets.length) return false;
    return true;
  };
  while (!complete() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

await writes(input.warmupWrites, null);
await drain(1, seq);
const runs = [];
for (let r = 0; r < input.runs; r++) {
  const run = { histogram: latencyHistogram() };
  const first = seq + 1;
  writeLatencies.length = 0;
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  await writes(input.writesPerRun, run);
  await drain(first, seq);
  const cpu = process.cpuUsage(cpuBefore);
  const wall = performance.now() - wallBefore;
  let received = 0;
  const lastArrivals = [];
  for (let s = first; s <= seq; s++) {
    const w = sent.get(s);
    received += Math.min(w.arrivals, sockets.length);
    if (w.arrivals > 0) lastArrivals.push(w.last - w.at);
  }
  const expected = input.writesPerRun * sockets.length;
  runs.push({
    delivery: latencySummary(run.histogram),
    lastSocket: summarizeMs(lastArrivals),
    write: summarizeMs(writeLatencies),
    expected,
    received,
    ratio: received / expected,
    loadCpu: (cpu.user + cpu.system) / 1000 / wall,
  });
}
const disconnected = sockets.filter((s) => !s.connected).length;
for (const socket of sockets) socket.close();
console.log(JSON.stringify({ result: { runs, duplicates, disconnected, sockets: sockets.length } }));
process.exit(0);
