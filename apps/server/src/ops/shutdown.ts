import { Server as NetServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** What the shutdown sequence needs of the HTTP application. */
export interface DrainableApp {
  readiness: { beginDrain(): void };
  /** The listening server: it stops accepting before the app closes. */
  server?: NetServer;
  /** Stops accepting, asks sockets to reconnect elsewhere, finishes in-flight requests (Fastify's close). */
  close(): Promise<unknown>;
}

export interface ShutdownLog {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface ShutdownOptions {
  drainMs: number;
  /** Bound on closing once the drain is over; past it the process exits 1. */
  timeoutMs: number;
  log: () => ShutdownLog;
  exit: (code: number) => void;
  wait?: (ms: number) => Promise<unknown>;
}

/**
 * The SIGTERM sequence of docs/product.md §7. Installed before anything opens, so a signal during
 * start-up (migrations included) waits for the step in progress, skips the rest, and closes what
 * was opened. Once the app listens: /readyz answers 503 at once, the process keeps serving for
 * `drainMs`, the app closes (stop accepting, sockets reconnect elsewhere, in-flight requests
 * finish), then everything registered with `onClose` closes in reverse order (pool, Redis, …).
 * Exit 0, or 1 when a close failed or the whole took longer than `timeoutMs`.
 */
export function createShutdown({ drainMs, timeoutMs, log, exit, wait = sleep }: ShutdownOptions) {
  const closers: { name: string; close: () => Promise<unknown> | undefined }[] = [];
  let app: DrainableApp | undefined;
  let starting: Promise<unknown> = Promise.resolve();
  let stopping: Promise<void> | undefined;

  async function run(signal: string) {
    log().info({ signal, drainMs }, 'shutting down');
    await starting.catch(() => {});
    if (app) {
      app.readiness.beginDrain();
      if (drainMs > 0) await wait(drainMs);
    }
    const timer = setTimeout(() => {
      log().error({ timeoutMs }, 'shutdown took too long; exiting');
      exit(1);
    }, timeoutMs);
    timer.unref();
    let failed = false;
    const http = app && [
      { name: 'listener', close: () => (app?.server ? stopAccepting(app.server, wait) : undefined) },
      { name: 'http', close: () => app?.close() },
    ];
    const steps = [...(http ?? []), ...closers.reverse()];
    for (const step of steps) {
      try {
        await step.close();
      } catch (err) {
        failed = true;
        log().error({ err, step: step.name }, 'shutdown step failed');
      }
    }
    clearTimeout(timer);
    log().info({ exitCode: failed ? 1 : 0 }, 'stopped');
    exit(failed ? 1 : 0);
  }

  return {
    /** True once a signal arrived: start-up stops opening things. */
    get requested() {
      return stopping !== undefined;
    },
    /** Start-up in progress: a stop waits for it to settle before closing anything. */
    starting(promise: Promise<unknown>) {
      starting = promise;
    },
    /** Something to close at shutdown, after the app; closed in reverse order of registration. */
    onClose(name: string, close: () => Promise<unknown> | undefined) {
      closers.push({ name, close });
    },
    /** The app is listening: a stop drains it first. */
    serving(listening: DrainableApp) {
      app = listening;
    },
    stop(signal: string): Promise<void> {
      stopping ??= run(signal);
      return stopping;
    },
  };
}

export type Shutdown = ReturnType<typeof createShutdown>;

const SETTLE_MS = 1_000;

/**
 * Closes the listening socket only. `http.Server#close` would also close every connection without
 * a request in progress, and that includes one just accepted whose request is still on its way:
 * its client sees a reset. So the listener closes alone, and the connections already accepted get
 * up to a second to deliver their requests (each response then says `Connection: close`) before
 * the app closes what is left (idle keep-alive connections, WebSockets).
 */
async function stopAccepting(server: NetServer, wait: (ms: number) => Promise<unknown>) {
  if (!server.listening) return;
  NetServer.prototype.close.call(server);
  const open = () => new Promise<number>((resolve) => server.getConnections((_err, count) => resolve(count ?? 0)));
  for (let waited = 0; waited < SETTLE_MS && (await open()) > 0; waited += 50) await wait(50);
}
