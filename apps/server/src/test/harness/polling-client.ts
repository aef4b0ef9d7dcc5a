import { request } from 'node:http';

/** One HTTP exchange from a chosen local address (127.0.0.2, …), so a load balancer sees distinct clients. */
export function httpFrom(
  localAddress: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: init.method ?? 'GET',
        headers: init.headers,
        localAddress,
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

/** A raw request path, sent as written (no URL normalisation), for probing path spellings. */
export function rawGet(localAddress: string, origin: string, path: string) {
  const { hostname, port } = new URL(origin);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: hostname, port, path, localAddress, agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const SEPARATOR = '\x1e';

/**
 * A Socket.IO client on HTTP long-polling only (Engine.IO v4 wire format), from one local address:
 * every request of its session must reach the replica that holds it. It records what it receives
 * and every refused poll; `reconnect()` opens a new session, as a browser's client does.
 */
export class PollingClient {
  readonly events: { event: string; payload: unknown }[] = [];
  readonly failures: { status: number; body: string }[] = [];
  polls = 0;
  /** Sessions the server acknowledged (the namespace's `40` packet): 2 after one reconnect. */
  sessions = 0;
  private sid: string | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;

  constructor(
    readonly localAddress: string,
    readonly origin: string,
    readonly cookie: string,
  ) {}

  private url(sid?: string) {
    return `${this.origin}/socket.io/?EIO=4&transport=polling${sid ? `&sid=${sid}` : ''}&t=${Date.now().toString(36)}${this.polls++}`;
  }

  private send(method: string, body?: string, sid = this.sid) {
    return httpFrom(this.localAddress, this.url(sid), {
      method,
      headers: { cookie: this.cookie, origin: this.origin, ...(body ? { 'content-type': 'text/plain;charset=UTF-8' } : {}) },
      ...(body ? { body } : {}),
    });
  }

  /** Handshake and namespace connect; resolves once the server acknowledged the connection. */
  async connect(): Promise<void> {
    const open = await this.send('GET', undefined, undefined);
    if (open.status !== 200 || !open.body.startsWith('0')) throw new Error(`handshake refused: ${open.status} ${open.body}`);
    this.sid = (JSON.parse(open.body.slice(1)) as { sid: string }).sid;
    const joined = await this.send('POST', '40');
    if (joined.status !== 200) throw new Error(`namespace connect refused: ${joined.status} ${joined.body}`);
    for (;;) {
      const packets = await this.poll();
      if (packets === null) throw new Error(`connect failed: ${JSON.stringify(this.failures.at(-1))}`);
      if (this.sessions > 0) break;
    }
    this.loop ??= this.run();
  }

  /** One long-poll; null when the server refused it (the session is gone). */
  private async poll(): Promise<string[] | null> {
    const response = await this.send('GET');
    if (response.status !== 200) {
      this.failures.push({ status: response.status, body: response.body });
      return null;
    }
    const packets = response.body.split(SEPARATOR);
    for (const packet of packets) {
      if (packet.startsWith('40')) this.sessions++;
      else if (packet === '2') await this.send('POST', '3');
      else if (packet.startsWith('42')) {
        const [event, payload] = JSON.parse(packet.slice(2)) as [string, unknown];
        this.events.push({ event, payload });
      }
    }
    return packets;
  }

  private async run() {
    while (!this.stopped) {
      const packets = await this.poll().catch((error: Error) => {
        this.failures.push({ status: 0, body: error.message });
        return null;
      });
      if (packets === null && !this.stopped) {
        this.sid = undefined;
        await new Promise((resolve) => setTimeout(resolve, 200));
        await this.reconnect().catch(() => {});
      }
    }
  }

  private async reconnect() {
    const open = await this.send('GET', undefined, undefined);
    if (open.status !== 200) throw new Error(`handshake refused: ${open.status}`);
    this.sid = (JSON.parse(open.body.slice(1)) as { sid: string }).sid;
    await this.send('POST', '40');
  }

  /** Resolves once the server acknowledged `count` sessions in all. */
  async session(count: number, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.sessions < count) {
      if (Date.now() > deadline)
        throw new Error(`${this.localAddress}: no session ${count} within ${timeoutMs} ms; failures: ${JSON.stringify(this.failures)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Resolves with the first received `event` whose payload passes `match`. */
  async next(event: string, match: (payload: never) => boolean, timeoutMs = 20_000): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find((e) => e.event === event && match(e.payload as never));
      if (found) return found.payload;
      if (Date.now() > deadline)
        throw new Error(`no ${event} on ${this.localAddress} within ${timeoutMs} ms; failures: ${JSON.stringify(this.failures)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.sid) await this.send('POST', '1').catch(() => {});
    await this.loop?.catch(() => {});
  }
}
