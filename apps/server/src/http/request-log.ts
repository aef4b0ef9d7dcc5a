import type { FastifyRequest } from 'fastify';

/** Secrets that travel in a URL path: the personal calendar feed's token. */
const SECRET_IN_PATH = /^(\/api\/calendar\/)[^/?]+(\.ics)/;

export const redactUrl = (url: string) => url.replace(SECRET_IN_PATH, '$1[redacted]$2');

/** Fastify's request log fields, with secrets cut from the URL (a feed token is as good as a password). */
export function requestLogFields(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
