import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/harness/build-test-app';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

interface Operation {
  tags?: string[];
  summary?: string;
  responses?: Record<string, unknown>;
}
type OpenApiDocument = { openapi: string; paths: Record<string, Record<string, Operation>> };

/** Every route Fastify serves, read from its own route tree (so nothing depends on how routes were registered). */
function registeredRoutes(tree: string): Array<{ path: string; method: string }> {
  const routes: Array<{ path: string; method: string }> = [];
  const segments: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    segments.length = (match[1] ?? '').length / 4;
    segments.push(match[2] ?? '');
    for (const method of match[3]?.split(', ') ?? []) routes.push({ path: segments.join(''), method });
  }
  return routes;
}

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
const undocumented = (path: string) => path === '/api/openapi.json' || path.startsWith('/api/docs');

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document listing every /api route with its method, tags, summary and success status', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json() as OpenApiDocument;
    expect(doc.openapi).toBe('3.1.0');

    const apiRoutes = registeredRoutes(t.app.printRoutes({ commonPrefix: false })).filter(
      (r) => r.path.startsWith('/api/') && !undocumented(r.path) && r.method !== 'HEAD',
    );
    // The route tree must have been read: the auth routes at least are in it.
    expect(apiRoutes).toContainEqual({ path: '/api/auth/login', method: 'POST' });
    expect(apiRoutes).toContainEqual({ path: '/api/calendar/:token.ics', method: 'GET' });

    const missing = apiRoutes.filter((r) => !doc.paths[toOpenApiPath(r.path)]?.[r.method.toLowerCase()]);
    expect(missing).toEqual([]);
    for (const r of apiRoutes) {
      const operation = doc.paths[toOpenApiPath(r.path)]?.[r.method.toLowerCase()];
      expect(operation?.tags?.length, `${r.method} ${r.path} has tags`).toBeGreaterThan(0);
      expect(operation?.summary, `${r.method} ${r.path} has a summary`).toBeTruthy();
      expect(
        // A redirect is the success of a route that only sends the browser on (the unsubscribe link).
        Object.keys(operation?.responses ?? {}).some((status) => status.startsWith('2') || status.startsWith('3')),
        `${r.method} ${r.path} answers 2xx or 3xx`,
      ).toBe(true);
    }
  });

  it('describes request bodies from the shared schemas and the calendar as text/calendar', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const register = doc.paths['/api/auth/register'].post;
    expect(register.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['name', 'password', 'role']));
    expect(doc.paths['/api/calendar/{token}.ics'].get.responses['200'].content).toHaveProperty('text/calendar');
  });

  it('leaves out /metrics, the docs themselves and the web app fallback', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as OpenApiDocument;
    const paths = Object.keys(doc.paths);
    expect(paths).not.toContain('/metrics');
    expect(paths.filter((p) => undocumented(p) || p.includes('*'))).toEqual([]);
  });
});

describe('GET /api/docs', () => {
  it('serves the browsable reference as HTML whose scripts the CSP allows', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    // No inline script: every script is a same-origin file, which `script-src 'self'` allows.
    const scripts = [...response.body.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      expect(inline?.trim()).toBe('');
      const src = /src="([^"]+)"/.exec(attributes ?? '')?.[1] ?? '';
      expect(src.startsWith('/api/docs/')).toBe(true);
      expect((await t.app.inject({ method: 'GET', url: src })).statusCode).toBe(200);
    }
    // The page loads the same document as /api/openapi.json.
    const json = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(json.json().openapi).toBe('3.1.0');
  });
});
