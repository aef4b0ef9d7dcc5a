import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/** What one process tells the others: its own viewer counts, or a request for theirs. */
const PeerReportSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hello'), from: z.string().min(1) }),
  z.object({
    kind: z.literal('counts'),
    from: z.string().min(1),
    /** A full snapshot replaces everything known about the sender; otherwise the counts are merged. */
    full: z.boolean(),
    counts: z.record(z.string(), z.number().int().min(0)),
  }),
]);
export type PeerReport = z.infer<typeof PeerReportSchema>;

export interface PresenceOptions {
  /** Sends the count to this process's sockets in the event's room. */
  emit(eventId: string, viewers: number): void;
  /** Sends a report to the other processes; absent when this process is alone. */
  announce?: ((report: PeerReport) => void) | undefined;
  /** At most one emission per event per this many milliseconds. */
  throttleMs?: number;
  /** How often each process repeats its full snapshot. */
  heartbeatMs?: number;
  /** A process not heard from for this long is gone: its viewers no longer count. */
  peerTtlMs?: number;
  now?: () => number;
}

/** How many event pages one socket can be counted on at once; more watches are ignored. */
export const MAX_WATCHED_PER_SOCKET = 20;

interface FlushState {
  lastAt: number;
  timer: NodeJS.Timeout | undefined;
  sent: number | undefined;
  announced: number;
}

/**
 * How many distinct sockets view each event, over all processes. Each process counts its own
 * sockets and reports its counts to the others through the adapter (on change, and a full snapshot
 * every heartbeat); the total is its own count plus the last report of every live peer. Reports
 * from one process arrive in the order sent, so every process converges on the same totals, and a
 * process that dies stops counting once its reports are older than `peerTtlMs`.
 */
export class Presence {
  readonly id = randomUUID();
  private readonly watchers = new Map<string, Set<string>>();
  private readonly watchedBy = new Map<string, Set<string>>();
  private readonly peers = new Map<string, { counts: Map<string, number>; seenAt: number }>();
  private readonly flushes = new Map<string, FlushState>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly throttleMs: number;
  private readonly peerTtlMs: number;
  private readonly now: () => number;

  constructor(private readonly options: PresenceOptions) {
    this.throttleMs = options.throttleMs ?? 500;
    this.peerTtlMs = options.peerTtlMs ?? 30_000;
    this.now = options.now ?? Date.now;
    this.heartbeat = setInterval(() => this.tick(), options.heartbeatMs ?? 10_000).unref();
    this.hello();
  }

  /** Asks every other process for its counts (at start, and when the link between them returns). */
  hello(): void {
    this.options.announce?.({ kind: 'hello', from: this.id });
  }

  /** Counts the socket on the event; returns the new total, or null when the socket watches too many events. */
  watch(socketId: string, eventId: string): number | null {
    const events = this.watchedBy.get(socketId) ?? new Set<string>();
    if (!events.has(eventId)) {
      if (events.size >= MAX_WATCHED_PER_SOCKET) return null;
      events.add(eventId);
      this.watchedBy.set(socketId, events);
      const sockets = this.watchers.get(eventId) ?? new Set<string>();
      sockets.add(socketId);
      this.watchers.set(eventId, sockets);
      this.schedule(eventId);
    }
    return this.viewers(eventId);
  }

  unwatch(socketId: string, eventId: string): void {
    const events = this.watchedBy.get(socketId);
    if (!events?.delete(eventId)) return;
    if (events.size === 0) this.watchedBy.delete(socketId);
    const sockets = this.watchers.get(eventId);
    sockets?.delete(socketId);
    if (sockets?.size === 0) this.watchers.delete(eventId);
    this.schedule(eventId);
  }

  /** Forgets a disconnected socket. */
  drop(socketId: string): void {
    for (const eventId of [...(this.watchedBy.get(socketId) ?? [])]) this.unwatch(socketId, eventId);
  }

  /** This process's sockets plus every live peer's last report. */
  viewers(eventId: string): number {
    let total = this.watchers.get(eventId)?.size ?? 0;
    for (const peer of this.peers.values()) total += peer.counts.get(eventId) ?? 0;
    return total;
  }

  /** A report from another process; anything malformed is ignored. */
  receive(raw: unknown): void {
    const parsed = PeerReportSchema.safeParse(raw);
    if (!parsed.success || parsed.data.from === this.id) return;
    const report = parsed.data;
    if (report.kind === 'hello') {
      this.announceSnapshot();
      return;
    }
    const peer = this.peers.get(report.from) ?? { counts: new Map<string, number>(), seenAt: 0 };
    peer.seenAt = this.now();
    this.peers.set(report.from, peer);
    const changed = new Set<string>(report.full ? peer.counts.keys() : []);
    if (report.full) peer.counts.clear();
    for (const [eventId, count] of Object.entries(report.counts)) {
      if (count === 0) peer.counts.delete(eventId);
      else peer.counts.set(eventId, count);
      changed.add(eventId);
    }
    for (const eventId of changed) if (this.watchers.has(eventId)) this.schedule(eventId);
  }

  /** Stops the timers and tells the peers this process's viewers are gone. */
  close(): void {
    clearInterval(this.heartbeat);
    for (const state of this.flushes.values()) clearTimeout(state.timer);
    this.flushes.clear();
    this.watchers.clear();
    this.watchedBy.clear();
    this.options.announce?.({ kind: 'counts', from: this.id, full: true, counts: {} });
  }

  private schedule(eventId: string): void {
    let state = this.flushes.get(eventId);
    if (!state) {
      state = { lastAt: Number.NEGATIVE_INFINITY, timer: undefined, sent: undefined, announced: 0 };
      this.flushes.set(eventId, state);
    }
    if (state.timer) return;
    const wait = state.lastAt + this.throttleMs - this.now();
    if (wait <= 0) {
      this.flush(eventId, state);
      return;
    }
    const pending = state;
    pending.timer = setTimeout(() => {
      pending.timer = undefined;
      this.flush(eventId, pending);
    }, wait).unref();
  }

  private flush(eventId: string, state: FlushState): void {
    state.lastAt = this.now();
    const local = this.watchers.get(eventId)?.size ?? 0;
    if (local !== state.announced) {
      this.options.announce?.({ kind: 'counts', from: this.id, full: false, counts: { [eventId]: local } });
      state.announced = local;
    }
    const total = this.viewers(eventId);
    if (local > 0 && total !== state.sent) this.options.emit(eventId, total);
    state.sent = local > 0 ? total : undefined;
    // Nobody here watches and the peers know it: the throttle has nobody to protect.
    if (local === 0) this.flushes.delete(eventId);
  }

  private announceSnapshot(): void {
    const counts: Record<string, number> = {};
    for (const [eventId, sockets] of this.watchers) counts[eventId] = sockets.size;
    this.options.announce?.({ kind: 'counts', from: this.id, full: true, counts });
    for (const [eventId, state] of this.flushes) state.announced = this.watchers.get(eventId)?.size ?? 0;
  }

  private tick(): void {
    this.announceSnapshot();
    const expired = this.now() - this.peerTtlMs;
    for (const [peerId, peer] of this.peers) {
      if (peer.seenAt >= expired) continue;
      this.peers.delete(peerId);
      for (const eventId of peer.counts.keys()) if (this.watchers.has(eventId)) this.schedule(eventId);
    }
  }
}
