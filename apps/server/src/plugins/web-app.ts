import { existsSync, readFileSync } from 'node:fs';
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

/**
 * The tags of a shared event page's <head> (`/e/:id`): its title, description, Open Graph and
 * Twitter card tags, escaped. Null when the id names no event: the page is then a 404.
 */
export type EventPageHead = (eventId: string) => Promise<string | null>;

/**
 * index.html split where a page's own head tags go: before `</head>`, with the page's generic
 * <title> and description taken out (a document's first <title> is the one browsers and crawlers read).
 */
export function splitPage(html: string): { before: string; after: string } | null {
  const end = html.search(/<\/head>/i);
  if (end < 0) return null;
  const before = html
    .slice(0, end)
    .replace(/[ \t]*<title>[\s\S]*?<\/title>\s*\n?/i, '')
    .replace(/[ \t]*<meta\s+name=["']description["'][^>]*>\s*\n?/i, '');
  return { before, after: html.slice(end) };
}

/**
 * Serves the built web app, with index.html for client routes (SPA fallback). With
 * `eventPageHead`, `/e/:id` is index.html with that event's link-preview tags in its <head>, so a
 * shared link previews without running the app; an unknown event is index.html with status 404.
 */
export const webAppPlugin: FastifyPluginAsync<{ distDir: string; eventPageHead?: EventPageHead }> = async (
  app,
  { distDir, eventPageHead },
) => {
  const indexPath = join(distDir, 'index.html');
  if (!existsSync(indexPath)) {
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

  if (!eventPageHead) return;
  // Read once: a new build is a new deployment, which restarts the process.
  const page = readFileSync(indexPath, 'utf8');
  const parts = splitPage(page);
  if (!parts) {
    app.log.warn({ indexPath }, 'index.html has no </head>: shared event pages are served without preview tags');
    return;
  }
  app.get<{ Params: { id: string } }>('/e/:id', { schema: { hide: true } }, async (request, reply) => {
    void reply.type('text/html; charset=utf-8').header('cache-control', cacheControlFor(indexPath));
    let head: string | null;
    try {
      head = await eventPageHead(request.params.id);
    } catch (err) {
      // Previews are a courtesy: the page itself still loads, and the app shows what it finds.
      request.log.error({ err }, 'event page: preview tags not made');
      return reply.send(page);
    }
    if (head === null) return reply.code(404).send(page);
    return reply.send(`${parts.before}  ${head}\n  ${parts.after}`);
  });
};
