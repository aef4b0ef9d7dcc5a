import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { testEnv } from './build-test-app';

const serverRoot = fileURLToPath(new URL('../../..', import.meta.url));
const OUTPUT_KEPT = 20_000;

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

/** Thrown from an `eventually` check: stop waiting at once, it will never hold. */
export class GaveUp extends Error {}

/** Checks `ready` until it holds (processes starting, state converging); fails naming `what` after `timeoutMs`. */
export async function eventually<T>(
  what: string | (() => string),
  ready: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await ready();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      if (error instanceof GaveUp) throw error;
      lastError = error;
    }
    if (Date.now() > deadline) {
      const name = typeof what === 'string' ? what : what();
      throw new Error(`${name}: not within ${timeoutMs} ms${lastError ? ` (${String(lastError)})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A child process whose output is kept for failure messages. */
class Managed {
  protected child: ChildProcess | undefined;
  private log = '';

  constructor(
    private readonly command: string,
    private readonly args: string[],
    private readonly options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
  ) {}

  output(): string {
    return this.log;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Spawns the process; rejects if it cannot be spawned (a missing binary fails the test). */
  protected async spawn(): Promise<void> {
    const child = spawn(this.command, this.args, { ...this.options, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.log = (this.log + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', (error) => reject(new Error(`cannot start ${this.command}: ${error.message}`)));
    });
  }

  /** Sends `signal` and waits for the exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  }
}

/** A private redis-server (no persistence) on a port of its own: the test can stop and restart it. */
export class RedisServer extends Managed {
  constructor(readonly port: number) {
    super('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    await this.spawn();
    await eventually(`redis-server on ${this.port}`, async () => this.running && (await canConnect(this.port)));
    return this;
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** `node --import tsx src/server.ts` on a fixed port, so a restarted process comes back at the same address. */
export class ServerProcess extends Managed {
  constructor(
    readonly port: number,
    env: Record<string, string>,
  ) {
    super(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: serverRoot,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(port),
        METRICS_PORT: '0',
        LOG_LEVEL: 'warn',
        ARGON2_MEMORY_KIB: '64',
        ARGON2_ITERATIONS: '1',
        RATE_LIMIT_AUTH: '100000',
        RATE_LIMIT_LOGIN_FAILURES: '100000',
        RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS: '100000',
        RATE_LIMIT_WRITES: '100000',
        RATE_LIMIT_EVENT_CREATES: '100000',
        SOCKET_HANDSHAKES_PER_MINUTE: '100000',
        WEB_DIST_DIR: '/nonexistent-web-dist',
        // Every process of a cluster decrypts the same two-factor secrets.
        TOTP_ENCRYPTION_KEY: testEnv.TOTP_ENCRYPTION_KEY ?? '',
        ...env,
      },
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the process and resolves once it answers /healthz. */
  async start(): Promise<this> {
    await this.spawn();
    // Generous: a loaded CI machine can take a while to compile and start the server.
    await eventually(
      () => `server on ${this.port}:\n${this.output()}`,
      async () => {
        if (!this.running) throw new GaveUp(`server on ${this.port} exited:\n${this.output()}`);
        return (await fetch(`${this.url}/healthz`)).ok;
      },
      60_000,
    );
    return this;
  }

  /** GET /readyz: its status code and what it says of Redis. */
  async readiness(): Promise<{ status: number; redis: string | undefined }> {
    const response = await fetch(`${this.url}/readyz`);
    const body = (await response.json()) as { checks: Record<string, string> };
    return { status: response.status, redis: body.checks.redis };
  }
}

/**
 * A TCP load balancer in front of server processes: each new connection goes to the first backend
 * that accepts it, so when one dies its clients reconnect to the next. While paused, it refuses
 * every new connection (clients stay disconnected).
 */
export class Balancer {
  paused = false;
  private server: Server | undefined;
  private readonly open = new Set<Socket>();

  constructor(private readonly backends: number[]) {}

  async start(): Promise<string> {
    const server = createServer((incoming) => this.route(incoming));
    this.server = server;
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    const server = this.server;
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  private route(incoming: Socket, index = 0): void {
    const port = this.backends[index];
    if (this.paused || port === undefined) {
      incoming.destroy();
      return;
    }
    incoming.pause();
    let connected = false;
    const outgoing = connect(port, '127.0.0.1', () => {
      connected = true;
      this.track(incoming);
      this.track(outgoing);
      incoming.pipe(outgoing).pipe(incoming);
      incoming.on('close', () => outgoing.destroy());
      outgoing.on('close', () => incoming.destroy());
      incoming.resume();
    });
    incoming.on('error', () => outgoing.destroy());
    outgoing.on('error', () => {
      outgoing.destroy();
      // Refused: try the next backend; broken later: the client sees its connection close.
      if (connected) incoming.destroy();
      else this.route(incoming, index + 1);
    });
  }

  private track(socket: Socket): void {
    this.open.add(socket);
    socket.once('close', () => this.open.delete(socket));
  }
}
