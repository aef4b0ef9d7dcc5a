// Load side of figure 10, on the load core: one logged-in Socket.IO client per cookie (as the
// fan-out figures open them), held open while the orchestrator asks, one stdin line at a time, for
//   {"announce": {eventId, body, cookie, audience}}  POST /api/events/:id/announcements {body,
//                                           audience: 'joined'} and wait for the `notification` with
//                                           that body on each of the first `audience` sockets (the
//                                           event's attendees; any other socket must get none);
//   {"broadcast": {eventId, title, version, cookie}}  PATCH /api/events/:id {title, version} (Turnout
//                                           or the bare server) and wait for every socket's `event:updated`.
// The request's timestamp and the arrivals share this process's clock. Prints JSON lines:
// {"connected": {sockets, ms}}, then {"measured": Measured} per command. Run with `node --import tsx`.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Socket } from 'socket.io-client';
import type { RealtimePayload } from '../../packages/contracts/src/realtime.ts';
import { connectSockets } from '../lib/socket-clients.mjs';
import { summarizeMs } from '../lib/stats.mjs';

export interface ClientInput {
  origin: string;
  cookiesFile: string;
  sockets: number;
  /** Longest wait for the last socket, per command. */
  timeoutMs: number;
}

export type ClientCommand =
  | { announce: { eventId: string; body: string; cookie: string; audience: number } }
  | { broadcast: { eventId: string; title: string; version: number; cookie: string } };

/** One request and what every socket received of it; times in ms from just before the request. */
export interface Measured {
  /** Epoch ms just before the request was sent (the SMTP sink stamps arrivals on the same clock). */
  sentAt: number;
  status: number;
  answeredMs: number;
  /** The answer's body (the announcement, or the event with its new version). */
  answer: unknown;
  expected: number;
  received: number;
  /** Sockets that got the message more than once. */
  duplicates: number;
  /** Sockets outside the audience that got it. */
  strays: number;
  firstMs: number;
  p50Ms: number;
  p99Ms: number;
  /** When the last socket had it: the figure's number. */
  lastMs: number;
  /** CPU this process used from the request to the last arrival, per wall-clock ms (1 = the load core saturated). */
  loadCpu: number;
}

interface Pending {
  matches: (payload: unknown) => boolean;
  /** The first `expected` sockets are the audience. */
  expected: number;
  arrivals: (number | undefined)[];
  received: number;
  duplicates: number;
  strays: number;
  started: number;
  done: () => void;
}

const input = JSON.parse(process.argv[2] ?? '{}') as ClientInput;
const cookies = (JSON.parse(readFileSync(input.cookiesFile, 'utf8')) as string[]).slice(0, input.sockets);
let pending: Pending | undefined;
let attached = 0;

const arrive = (index: number, payload: unknown) => {
  const at = performance.now();
  if (!pending?.matches(payload)) return;
  if (index >= pending.expected) {
    pending.strays++;
    return;
  }
  if (pending.arrivals[index] !== undefined) {
    pending.duplicates++;
    return;
  }
  pending.arrivals[index] = at - pending.started;
  pending.received++;
  if (pending.received === pending.expected) pending.done();
};

/** Sockets are attached in cookie order (connectSockets creates them so), which gives each its index. */
function listen(socket: Socket): void {
  const index = attached++;
  socket.on('notification', (payload: RealtimePayload<'notification'>) => arrive(index, payload));
  socket.on('event:updated', (payload: RealtimePayload<'event:updated'>) => arrive(index, payload));
}

async function measure(
  request: { url: string; method: string; cookie: string; body: unknown },
  expected: number,
  matches: Pending['matches'],
): Promise<Measured> {
  const cpuBefore = process.cpuUsage();
  let done = () => {};
  const all = new Promise<void>((resolve) => {
    done = resolve;
  });
  const started = performance.now();
  pending = { matches, expected, arrivals: new Array(expected), received: 0, duplicates: 0, strays: 0, started, done };
  const sentAt = performance.timeOrigin + started;
  const response = await fetch(request.url, {
    method: request.method,
    headers: { 'content-type': 'application/json', cookie: request.cookie, origin: input.origin },
    body: JSON.stringify(request.body),
  });
  const answer: unknown = await response.json();
  const answeredMs = performance.now() - started;
  if (response.ok) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([all, new Promise((resolve) => (timer = setTimeout(resolve, input.timeoutMs)))]);
    clearTimeout(timer);
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const measured = pending;
  pending = undefined;
  const times = measured.arrivals.filter((t): t is number => t !== undefined);
  const summary = summarizeMs(times);
  return {
    sentAt,
    status: response.status,
    answeredMs,
    answer,
    expected,
    received: measured.received,
    duplicates: measured.duplicates,
    strays: measured.strays,
    firstMs: times.length > 0 ? Math.min(...times) : Number.NaN,
    p50Ms: summary.p50,
    p99Ms: summary.p99,
    lastMs: times.length > 0 ? Math.max(...times) : Number.NaN,
    loadCpu: (cpu.user + cpu.system) / 1000 / wallMs,
  };
}

function run(command: ClientCommand): Promise<Measured> {
  if ('announce' in command) {
    const { eventId, body, cookie, audience } = command.announce;
    return measure(
      { url: `${input.origin}/api/events/${eventId}/announcements`, method: 'POST', cookie, body: { body, audience: 'joined' } },
      Math.min(audience, cookies.length),
      (payload) => {
        const { notification } = payload as Partial<RealtimePayload<'notification'>>;
        return notification?.type === 'announcement' && notification.body === body;
      },
    );
  }
  const { eventId, title, version, cookie } = command.broadcast;
  return measure(
    { url: `${input.origin}/api/events/${eventId}`, method: 'PATCH', cookie, body: { title, version } },
    cookies.length,
    (payload) => (payload as Partial<RealtimePayload<'event:updated'>>).event?.title === title,
  );
}

const connectStarted = performance.now();
const sockets = await connectSockets([input.origin], cookies, listen);
console.log(JSON.stringify({ connected: { sockets: sockets.length, ms: performance.now() - connectStarted } }));

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const measured = await run(JSON.parse(line) as ClientCommand);
  const disconnected = sockets.filter((socket) => !socket.connected).length;
  if (disconnected > 0) throw new Error(`${disconnected} of ${sockets.length} sockets were disconnected`);
  console.log(JSON.stringify({ measured }));
}
for (const socket of sockets) socket.close();
process.exit(0);
