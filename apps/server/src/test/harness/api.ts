import type { TestApp } from './build-test-app';

/** The app's own origin in tests: mutating requests carry it, as a browser on the page would. */
export const ORIGIN = 'http://turnout.test';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Anything that authenticates as a user: the `Cookie` header value of their session. */
export interface Authenticated {
  cookie: string;
}

/** One API call as `as` (anonymous without), from the app's own origin, injected without a port. */
export function call(t: TestApp, method: Method, url: string, options: { as?: Authenticated | undefined; body?: unknown } = {}) {
  return t.app.inject({
    method,
    url,
    headers: { origin: ORIGIN, ...(options.as ? { cookie: options.as.cookie } : {}) },
    ...(options.body === undefined ? {} : { payload: options.body as object }),
  });
}

export const join = (t: TestApp, user: Authenticated, eventId: string) =>
  call(t, 'PUT', `/api/events/${eventId}/participation`, { as: user });
export const leave = (t: TestApp, user: Authenticated, eventId: string) =>
  call(t, 'DELETE', `/api/events/${eventId}/participation`, { as: user });
