import type { IncomingMessage } from 'node:http';
import fastifyCookie from '@fastify/cookie';
import type { Config } from '../config';
import type { AuthService, Viewer } from '../modules/auth';
import { isAllowedOrigin } from '../plugins/csrf';

export type HandshakeRefusal = 'forbidden_origin' | 'unauthenticated' | 'too_many_connections';
export type HandshakeResult = { ok: true; viewer: Viewer } | { ok: false; reason: HandshakeRefusal };

export interface HandshakeDeps {
  config: Pick<Config, 'allowedOrigins' | 'trustProxy' | 'socketMaxPerAddress'>;
  auth: Pick<AuthService, 'resolve'>;
  cookieName: string;
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The client's address, read as Fastify reads `request.ip` with the same TRUST_PROXY setting. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = header(req, 'x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/**
 * The Engine.IO handshake gate (`allowRequest`): it runs for every new connection, WebSocket
 * upgrades included, which the `cors` option does not cover. It checks the Origin with the CSRF
 * rule, the per-address connection limit and the session cookie, and remembers the viewer for the
 * Socket.IO middleware that runs next on the same request.
 */
export function createHandshake({ config, auth, cookieName }: HandshakeDeps) {
  const viewers = new WeakMap<IncomingMessage, Viewer>();
  const openPerAddress = new Map<string, number>();

  return {
    async authorize(req: IncomingMessage): Promise<HandshakeResult> {
      if (!isAllowedOrigin(header(req, 'origin'), header(req, 'host'), config.allowedOrigins, header(req, 'sec-fetch-site'))) {
        return { ok: false, reason: 'forbidden_origin' };
      }
      const open = openPerAddress.get(clientAddress(req, config.trustProxy)) ?? 0;
      if (open >= config.socketMaxPerAddress) return { ok: false, reason: 'too_many_connections' };
      const cookieHeader = header(req, 'cookie');
      const token = cookieHeader ? fastifyCookie.parse(cookieHeader)[cookieName] : undefined;
      const viewer = token ? await auth.resolve(token) : null;
      if (!viewer) return { ok: false, reason: 'unauthenticated' };
      viewers.set(req, viewer);
      return { ok: true, viewer };
    },

    /** The viewer `authorize` admitted for this handshake request. */
    viewerOf(req: IncomingMessage): Viewer | undefined {
      return viewers.get(req);
    },

    /** Counts an open connection against its address until `release` is called. */
    track(req: IncomingMessage): () => void {
      const address = clientAddress(req, config.trustProxy);
      openPerAddress.set(address, (openPerAddress.get(address) ?? 0) + 1);
      return () => {
        const left = (openPerAddress.get(address) ?? 1) - 1;
        if (left > 0) openPerAddress.set(address, left);
        else openPerAddress.delete(address);
      };
    },
  };
}

export type Handshake = ReturnType<typeof createHandshake>;
