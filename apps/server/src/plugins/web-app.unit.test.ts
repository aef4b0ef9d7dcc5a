import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheControlFor, splitPage, webAppPlugin } from './web-app';

const BUNDLE = `export const answer = ${'42 + '.repeat(400)}0;`;

let dist: string;
let app: FastifyInstance;
beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'turnout-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Turnout</title>');
  writeFileSync(join(dist, 'theme-init.js'), '// theme');
  writeFileSync(join(dist, 'assets/index-abc123.js'), BUNDLE);
  writeFileSync(join(dist, 'assets/index-abc123.js.br'), brotliCompressSync(BUNDLE));
  app = Fastify();
  await app.register(webAppPlugin, { distDir: dist });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the web app', () => {
  it('serves the page for client routes, revalidated on every load', async () => {
    for (const url of ['/', '/events/new', '/login?next=%2F']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('caches hashed bundles for good, and sends the Brotli copy to a browser that takes it', async () => {
    const compressed = await app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(compressed.headers).toMatchObject({
      'cache-control': 'public, max-age=31536000, immutable',
      'content-encoding': 'br',
      vary: 'accept-encoding',
    });
    expect(compressed.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(compressed.rawPayload).toString()).toBe(BUNDLE);

    const plain = await app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(BUNDLE);
  });

  it('gives other files an hour, and leaves the API and the socket path to their own routes', async () => {
    expect((await app.inject({ method: 'GET', url: '/theme-init.js' })).headers['cache-control']).toBe('public, max-age=3600');
    expect((await app.inject({ method: 'GET', url: '/api/nothing' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/socket.io/' })).statusCode).toBe(404);
  });
});

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="description" content="Turnout: publish events." />
    <title>Turnout</title>
    <script type="module" crossorigin src="/assets/index-abc123.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>
`;
const EVENT_ID = '00000000-0000-4000-8000-0000000000e1';

describe('a shared event page', () => {
  let pages: FastifyInstance;
  let pageDist: string;
  const asked: string[] = [];
  beforeAll(async () => {
    pageDist = mkdtempSync(join(tmpdir(), 'turnout-dist-'));
    writeFileSync(join(pageDist, 'index.html'), PAGE);
    pages = Fastify();
    await pages.register(webAppPlugin, {
      distDir: pageDist,
      eventPageHead: async (id) => {
        asked.push(id);
        if (id === 'broken') throw new Error('database down');
        return id === EVENT_ID ? '<title>Board games · Turnout</title>\n    <meta property="og:title" content="Board games" />' : null;
      },
    });
    await pages.ready();
  });
  afterAll(async () => {
    await pages.close();
    rmSync(pageDist, { recursive: true, force: true });
  });

  it('carries the event’s tags in its <head>, in place of the page’s own title and description', async () => {
    const response = await pages.inject({ method: 'GET', url: `/e/${EVENT_ID}?utm_source=chat` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    const head = response.body.slice(0, response.body.indexOf('</head>'));
    expect(head).toContain('<meta property="og:title" content="Board games" />');
    expect(head.match(/<title>/g)).toHaveLength(1);
    expect(head).toContain('<title>Board games · Turnout</title>');
    expect(head).not.toContain('Turnout: publish events.');
    // Everything else as built, the bundle included.
    expect(response.body).toContain('<meta charset="UTF-8" />');
    expect(response.body).toContain('<script type="module" crossorigin src="/assets/index-abc123.js"></script>');
    expect(response.body).toMatch(/<\/head>\s*<body><div id="root"><\/div><\/body>/);
  });

  it('is the plain page with status 404 for an event there is not, and the plain page when its tags cannot be made', async () => {
    const unknown = await pages.inject({ method: 'GET', url: '/e/not-an-event' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(unknown.body).toBe(PAGE);
    const broken = await pages.inject({ method: 'GET', url: '/e/broken' });
    expect(broken.statusCode).toBe(200);
    expect(broken.body).toBe(PAGE);
    expect(asked.slice(-2)).toEqual(['not-an-event', 'broken']);
  });

  it('leaves other client routes to the SPA fallback', async () => {
    const response = await pages.inject({ method: 'GET', url: '/events/new' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(PAGE);
  });
});

describe('splitPage', () => {
  it('cuts the page before </head>, without its generic title and description', () => {
    const parts = splitPage(PAGE);
    expect(parts?.after.startsWith('</head>')).toBe(true);
    expect(parts?.before).not.toMatch(/<title>|name="description"/);
    expect(parts?.before).toContain('<meta charset="UTF-8" />');
    expect(splitPage('<p>no head</p>')).toBeNull();
  });

  it('finds its cut in the web app’s own page, which the build copies with the bundles added', () => {
    const source = readFileSync(join(import.meta.dirname, '../../../web/index.html'), 'utf8');
    expect(source).toMatch(/<title>[^<]+<\/title>/);
    expect(source).toMatch(/<meta name="description"/);
    const parts = splitPage(source);
    expect(parts?.before).not.toMatch(/<title>|name="description"/);
    expect(parts?.before).toContain('<meta charset="UTF-8" />');
  });
});

describe('cacheControlFor', () => {
  it('names the policy by where the file is', () => {
    expect(cacheControlFor('/srv/web/dist/assets/react-BdRZ4zj9.js.br')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('/srv/web/dist/index.html')).toBe('no-cache');
    expect(cacheControlFor('/srv/web/dist/index.html.gz')).toBe('no-cache');
    expect(cacheControlFor('/srv/web/dist/favicon.svg')).toBe('public, max-age=3600');
  });
});
