import { vi } from 'vitest';

export type MockRequest = { method: string; path: string; url: URL; headers: Headers; body: unknown };
type Reply = Response | Promise<Response>;
type Route = { method: string; path: string | RegExp; reply: (request: MockRequest) => Reply };

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export const apiError = (
  status: number,
  code: string,
  message: string,
  fields?: Record<string, string[]>,
  headers: Record<string, string> = {},
) => json(status, { error: { code, message, ...(fields ? { details: { fields } } : {}) } }, headers);

/**
 * Replaces `fetch`, the app's only way out of the page, with declared routes. Every request is
 * recorded; one without a route fails the test loudly.
 */
export function mockApi() {
  const routes: Route[] = [];
  const requests: MockRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://turnout.test');
    const method = init?.method ?? 'GET';
    // A multipart upload stays the FormData it was (its fields are read with `get`), JSON is parsed.
    const body = init?.body instanceof FormData ? init.body : init?.body ? JSON.parse(String(init.body)) : undefined;
    const request = { method, path: url.pathname, url, headers: new Headers(init?.headers), body };
    requests.push(request);
    const route = routes.findLast(
      (r) => r.method === method && (typeof r.path === 'string' ? r.path === url.pathname : r.path.test(url.pathname)),
    );
    if (!route) throw new Error(`No mocked route for ${method} ${url.pathname}`);
    return route.reply(request);
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    requests,
    on(method: string, path: string | RegExp, reply: (request: MockRequest) => Reply) {
      routes.push({ method, path, reply });
      return this;
    },
    sent: (method: string, path: string) => requests.filter((r) => r.method === method && r.path === path),
  };
}

/** A response the test releases when it chooses (to see the screen before the server answers). */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
