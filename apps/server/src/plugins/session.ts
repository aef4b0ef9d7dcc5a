import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config';
import { unauthenticated } from '../http/errors';
import type { AuthService, Viewer } from '../modules/auth/auth.service';

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in user, resolved from the session cookie on every /api request; null when anonymous. */
    viewer: Viewer | null;
  }
}

export const sessionCookieName = (secure: boolean) => (secure ? '__Host-turnout_session' : 'turnout_session');

export interface SessionCookies {
  name: string;
  read(request: FastifyRequest): string | undefined;
  set(reply: FastifyReply, token: string): void;
  clear(reply: FastifyReply): void;
}

export function createSessionCookies(config: Pick<Config, 'secureCookies' | 'session'>): SessionCookies {
  const name = sessionCookieName(config.secureCookies);
  const options = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies };
  return {
    name,
    read: (request) => request.cookies[name],
    set: (reply, token) => void reply.setCookie(name, token, { ...options, maxAge: config.session.absoluteMinutes * 60 }),
    clear: (reply) => void reply.clearCookie(name, options),
  };
}

export const sessionPlugin = fp(async (app: FastifyInstance, opts: { auth: AuthService; cookies: SessionCookies }) => {
  app.decorateRequest('viewer', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = opts.cookies.read(request);
    if (token) request.viewer = await opts.auth.resolve(token);
  });
});

/** The viewer of an authenticated route; a 401 for anonymous requests. */
export function requireViewer(request: FastifyRequest): Viewer {
  if (!request.viewer) throw unauthenticated();
  return request.viewer;
}
