import { SIGNED_IN_COOKIE } from '@turnout/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config';
import { unauthenticated } from '../http/errors';
import type { Viewer } from '../modules/auth/viewer';

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in user, resolved from the session cookie on every /api request; null when anonymous. */
    viewer: Viewer | null;
  }
}

export const sessionCookieName = (secure: boolean) => (secure ? '__Host-turnout_session' : 'turnout_session');
/** The page-readable hint beside the session cookie, named with the same prefix rule. */
export const signedInCookieName = (secure: boolean) => (secure ? `__Host-${SIGNED_IN_COOKIE}` : SIGNED_IN_COOKIE);

/**
 * The session cookie and its signed-in hint, set and cleared together. The hint (`1`, no secret)
 * lets the page skip `GET /api/auth/me` when nobody is logged in, so a visitor's first request is
 * not a 401.
 */
export interface SessionCookies {
  name: string;
  read(request: FastifyRequest): string | undefined;
  set(reply: FastifyReply, token: string): void;
  clear(reply: FastifyReply): void;
  /** Whether the request came with either cookie. */
  carried(request: FastifyRequest): boolean;
  /** Puts the hint in step with the session cookie the request came with. */
  syncHint(request: FastifyRequest, reply: FastifyReply): void;
}

export function createSessionCookies(config: Pick<Config, 'secureCookies' | 'session'>): SessionCookies {
  const name = sessionCookieName(config.secureCookies);
  const hint = signedInCookieName(config.secureCookies);
  const options = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies };
  const hintOptions = { ...options, httpOnly: false };
  const maxAge = config.session.absoluteMinutes * 60;
  return {
    name,
    read: (request) => request.cookies[name],
    set: (reply, token) => {
      reply.setCookie(name, token, { ...options, maxAge });
      reply.setCookie(hint, '1', { ...hintOptions, maxAge });
    },
    clear: (reply) => {
      reply.clearCookie(name, options);
      reply.clearCookie(hint, hintOptions);
    },
    carried: (request) => request.cookies[name] !== undefined || request.cookies[hint] !== undefined,
    syncHint: (request, reply) => {
      const hasSession = request.cookies[name] !== undefined;
      const hasHint = request.cookies[hint] !== undefined;
      if (hasSession && !hasHint) reply.setCookie(hint, '1', { ...hintOptions, maxAge });
      else if (!hasSession && hasHint) reply.clearCookie(hint, hintOptions);
    },
  };
}

const isHtml = (reply: FastifyReply) => String(reply.getHeader('content-type') ?? '').startsWith('text/html');

/** Finds the viewer behind a session token (the auth service). */
export interface SessionResolver {
  resolve(token: string): Promise<Viewer | null>;
}

export const sessionPlugin = fp(async (app: FastifyInstance, opts: { auth: SessionResolver; cookies: SessionCookies }) => {
  app.decorateRequest('viewer', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = opts.cookies.read(request);
    if (token) request.viewer = await opts.auth.resolve(token);
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    // API answers depend on who asks (or are a private feed): no shared or browser cache keeps
    // them. A route that is safe to cache says so itself.
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    // A 401 to a request whose cookies name a session that is gone (expired, logged out elsewhere)
    // clears them, so the next page load starts as a visitor without asking /api/auth/me.
    if (reply.statusCode === 401) {
      if (request.viewer === null && opts.cookies.carried(request)) opts.cookies.clear(reply);
    } else if (isHtml(reply)) {
      // The page carries the hint whenever the session cookie came with it: sessions started before
      // the hint existed, or with a cookie set by other means, still open the app logged in.
      opts.cookies.syncHint(request, reply);
    }
    done(null, payload);
  });
});

/** The viewer of an authenticated route; a 401 for anonymous requests. */
export function requireViewer(request: FastifyRequest): Viewer {
  if (!request.viewer) throw unauthenticated();
  return request.viewer;
}
