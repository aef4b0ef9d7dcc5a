import type { ClientToServerEvents, RealtimeEventName, RealtimePayload, ServerToClientEvents } from '@turnout/contracts';
import { io, type Socket } from 'socket.io-client';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Received {
  event: string;
  payload: unknown;
}

/**
 * A real Socket.IO client that records every message it receives, so a test can await one
 * (`next`) or check what arrived before another (`seen`). Reconnection is off unless asked for.
 */
export class RecordingClient {
  readonly socket: ClientSocket;
  readonly received: Received[] = [];
  private waiters: Array<() => void> = [];

  constructor(
    baseUrl: string,
    options: {
      cookie?: string;
      origin?: string;
      headers?: Record<string, string>;
      transports?: ('polling' | 'websocket')[];
      reconnection?: boolean;
    } = {},
  ) {
    const extraHeaders: Record<string, string> = { ...options.headers };
    if (options.cookie) extraHeaders.cookie = options.cookie;
    if (options.origin) extraHeaders.origin = options.origin;
    this.socket = io(baseUrl, {
      path: '/socket.io',
      transports: options.transports ?? ['polling', 'websocket'],
      extraHeaders,
      reconnection: options.reconnection ?? false,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      forceNew: true,
    });
    this.socket.onAny((event: string, payload: unknown) => {
      this.received.push({ event, payload });
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Resolves once connected; rejects with the handshake error when refused. */
  connected(timeoutMs = 5_000): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return withTimeout(
      new Promise<void>((resolve, reject) => {
        this.socket.once('connect', () => resolve());
        this.socket.once('connect_error', (err) => reject(err));
      }),
      timeoutMs,
      'connect',
    );
  }

  /** Resolves with the reason of the next disconnect. */
  disconnected(timeoutMs = 5_000): Promise<string> {
    if (!this.socket.connected && !this.socket.active) return Promise.resolve('io client disconnect');
    return withTimeout(
      new Promise<string>((resolve) => this.socket.once('disconnect', (reason) => resolve(reason))),
      timeoutMs,
      'disconnect',
    );
  }

  /** The received payloads of one event. */
  seen<E extends RealtimeEventName>(event: E): RealtimePayload<E>[] {
    return this.received.filter((r) => r.event === event).map((r) => r.payload as RealtimePayload<E>);
  }

  /** How many messages have arrived so far: pass it to `next` to wait for a later one. */
  get count(): number {
    return this.received.length;
  }

  /**
   * The first message of `event` that `match` accepts, among those received after the first
   * `since` messages (already here or still to come). The wait only bounds a failure: on a busy
   * machine a message can take well over a second, and a passing test never waits it out.
   */
  async next<E extends RealtimeEventName>(
    event: E,
    match: (payload: RealtimePayload<E>) => boolean = () => true,
    timeoutMs = 5_000,
    since = 0,
  ): Promise<RealtimePayload<E>> {
    let expired = false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        expired = true;
        resolve();
      }, timeoutMs);
    });
    try {
      for (;;) {
        const found = this.received
          .slice(since)
          .filter((r) => r.event === event)
          .map((r) => r.payload as RealtimePayload<E>)
          .find(match);
        if (found) return found;
        if (expired) {
          const got = this.received.map((r) => r.event).join(', ') || 'nothing';
          throw new Error(`no matching "${event}" within ${timeoutMs} ms (received: ${got})`);
        }
        await Promise.race([new Promise<void>((resolve) => this.waiters.push(resolve)), timeout]);
      }
    } finally {
      clearTimeout(timer);
    }
  }

  close(): void {
    this.socket.disconnect();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
