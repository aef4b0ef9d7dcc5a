import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheControlFor, webAppPlugin } from './web-app';

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

describe('cacheControlFor', () => {
  it('names the policy by where the file is', () => {
    expect(cacheControlFor('/srv/web/dist/assets/react-BdRZ4zj9.js.br')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('/srv/web/dist/index.html')).toBe('no-cache');
    expect(cacheControlFor('/srv/web/dist/index.html.gz')).toBe('no-cache');
    expect(cacheControlFor('/srv/web/dist/favicon.svg')).toBe('public, max-age=3600');
  });
});
