import type { IncomingMessage } from 'node:http';
import fastifyCookie from '@fastify/cookie';
import type { Config } from '../config';
import { clientAddress, trustFunction } from '../http/client-address';
import { AppError } from '../http/errors';
import type { AuthService, Viewer } from '../modules/auth';
import { isAllowedOrigin } from '../plugins/csrf';
import type { Limiter } from '../plugins/rate-limits';

export type HandshakeRefusal = 'forbidden_origin' | 'unauthenticated' | 'too_many_connections' | 'too_many_handshakes';
export type HandshakeResult = { ok: true; viewer: Viewer } | { ok: false; reason: HandshakeRefusal; address: string };

export interface HandshakeDeps {
  config: Pick<Config, 'allowedOrigins' | 'trustProxy' | 'socketMaxPerAddress'>;
  auth: Pick<AuthService, 'resolve'>;
  cookieName: string;
  /** Handshakes per client address per minute (shared through Redis when it is set). */
  handshakes: Pick<Limiter, 'consume'>;
  /** How long a place reserved by an admitted handshake waits for its connection to open. */
  unclaimedMs?: number;
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * The Engine.IO handshake gate (`allowRequest`): it runs for every new connection, WebSocket
 * upgrades included, which the `cors` option does not cover. It checks the Origin with the CSRF
 * rule, the handshake rate and the open connections of the client's address (read by TRUST_PROXY,
 * as the HTTP API reads it), and the session cookie, and remembers the viewer for the Socket.IO
 * middleware that runs next on the same request.
 *
 * A place under SOCKET_MAX_PER_ADDRESS is reserved before the session is looked up, so handshakes
 * racing each other cannot all pass the check and then all connect. The connection claims it
 * (`track`); a refused handshake, or one whose connection never opens, gives it back.
 */
export function createHandshake({ config, auth, cookieName, handshakes, unclaimedMs = 10_000 }: HandshakeDeps) {
  const trust = trustFunction(config.trustProxy);
  const viewers = new WeakMap<IncomingMessage, Viewer>();
  const reserved = new WeakMap<IncomingMessage, Reservation>();
  const openPerAddress = new Map<string, number>();

  /** A place for one connection of `address`: held until released, given back by the timer unless claimed. */
  const reserve = (address: string): Reservation | null => {
    const open = openPerAddress.get(address) ?? 0;
    if (open >= config.socketMaxPerAddress) return null;
    openPerAddress.set(address, open + 1);
    let state: 'reserved' | 'claimed' | 'released' = 'reserved';
    const release = () => {
      if (state === 'released') return;
      state = 'released';
      const left = (openPerAddress.get(address) ?? 1) - 1;
      if (left > 0) openPerAddress.set(address, left);
      else openPerAddress.delete(address);
    };
    setTimeout(() => state === 'reserved' && release(), unclaimedMs).unref();
    return {
      release,
      claim: () => {
        if (state === 'reserved') state = 'claimed';
        return release;
      },
    };
  };

  return {
    async authorize(req: IncomingMessage): Promise<HandshakeResult> {
      const address = clientAddress(req, trust);
      if (!isAllowedOrigin(header(req, 'origin'), header(req, 'host'), config.allowedOrigins, header(req, 'sec-fetch-site'))) {
        return { ok: false, reason: 'forbidden_origin', address };
      }
      try {
        await handshakes.consume(address);
      } catch (error) {
        if (error instanceof AppError && error.status === 429) return { ok: false, reason: 'too_many_handshakes', address };
        throw error;
      }
      const place = reserve(address);
      if (!place) return { ok: false, reason: 'too_many_connections', address };
      try {
        const cookieHeader = header(req, 'cookie');
        const token = cookieHeader ? fastifyCookie.parse(cookieHeader)[cookieName] : undefined;
        const viewer = token ? await auth.resolve(token) : null;
        if (!viewer) {
          place.release();
          return { ok: false, reason: 'unauthenticated', address };
        }
        viewers.set(req, viewer);
        reserved.set(req, place);
        return { ok: true, viewer };
      } catch (error) {
        place.release();
        throw error;
      }
    },

    /** The viewer `authorize` admitted for this handshake request. */
    viewerOf(req: IncomingMessage): Viewer | undefined {
      return viewers.get(req);
    },

    /** The connection opened by an admitted handshake takes its reserved place; call the answer when it closes. */
    track(req: IncomingMessage): () => void {
      const place = reserved.get(req);
      reserved.delete(req);
      return place ? place.claim() : () => {};
    },

    /** Connections open (or reserved) for `address` on this process. */
    openFor: (address: string) => openPerAddress.get(address) ?? 0,
  };
}

export type Handshake = ReturnType<typeof createHandshake>;

interface Reservation {
  release(): void;
  /** Keeps the place past the unclaimed timer; answers how to give it back. */
  claim(): () => void;
}
