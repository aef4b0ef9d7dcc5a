import { existsSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import fastifyStatic, { type SetHeadersResponse } from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

const HASHED = `${sep}assets${sep}`;

/**
 * Bundles under assets/ carry a content hash in their name, so they never change under it; the
 * page names the current bundles, so it is revalidated on every load; anything else (the favicon,
 * the theme script) may be an hour old.
 */
export function cacheControlFor(filePath: string): string {
  if (filePath.includes(HASHED)) return 'public, max-age=31536000, immutable';
  if (basename(filePath).startsWith('index.html')) return 'no-cache';
  return 'public, max-age=3600';
}

function setHeaders(response: SetHeadersResponse, filePath: string) {
  response.setHeader('cache-control', cacheControlFor(filePath));
  // The build writes .br and .gz beside each file; which one is sent depends on Accept-Encoding.
  response.setHeader('vary', 'accept-encoding');
}

/** Serves the built web app, with index.html for client routes (SPA fallback). */
export const webAppPlugin: FastifyPluginAsync<{ distDir: string }> = async (app, { distDir }) => {
  if (!existsSync(join(distDir, 'index.html'))) {
    app.log.warn({ distDir }, 'web app not built: run `npm run build` to serve it');
    return;
  }
  await app.register(fastifyStatic, { root: distDir, wildcard: false, index: false, preCompressed: true, cacheControl: false, setHeaders });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (path.startsWith('/api/') || path === '/api' || path.startsWith('/socket.io')) {
      return reply.callNotFound();
    }
    // A file the build wrote after start-up, else the page for a client route.
    if (/\.[a-z0-9]+$/i.test(path)) return reply.sendFile(path.slice(1));
    return reply.sendFile('index.html');
  });
};
