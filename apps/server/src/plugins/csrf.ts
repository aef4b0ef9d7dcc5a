import { ErrorCode } from '@turnout/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../http/errors';
import type { SecurityLog } from '../http/security-log';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * True when a request's Origin may act on this app: a configured origin, or the origin of the
 * Host the request was sent to. Requests without Origin (curl, server-to-server) carry no
 * ambient browser credentials of another site, unless Sec-Fetch-Site says they are cross-site.
 */
export function isAllowedOrigin(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
  fetchSite?: string,
): boolean {
  if (origin === undefined || origin === '') return fetchSite !== 'cross-site';
  if (allowed.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Refuses state-changing requests from other origins (OWASP ASVS 4.0 V4.2.2). */
export const csrfPlugin = fp(async (app: FastifyInstance, opts: { allowedOrigins: readonly string[]; security?: SecurityLog }) => {
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (SAFE_METHODS.has(request.method)) return;
    const fetchSite = request.headers['sec-fetch-site'];
    if (
      !isAllowedOrigin(
        request.headers.origin,
        request.headers.host,
        opts.allowedOrigins,
        typeof fetchSite === 'string' ? fetchSite : undefined,
      )
    ) {
      opts.security?.record({ event: 'csrf_refused', address: request.ip, method: request.method, origin: request.headers.origin });
      throw new AppError(403, ErrorCode.csrf, 'Requests from another origin are refused.');
    }
  });
});
