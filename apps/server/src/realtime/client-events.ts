import { type ClientEventName, ClientSchemas } from '@turnout/contracts';
import type { z } from 'zod';

export type ClientEvent = {
  [E in ClientEventName]: { event: E; payload: z.infer<(typeof ClientSchemas)[E]> };
}[ClientEventName];

const isClientEventName = (name: unknown): name is ClientEventName => typeof name === 'string' && Object.hasOwn(ClientSchemas, name);

/**
 * A packet a client sent, checked against the contract: a known event name, exactly one payload
 * that matches its schema, and no acknowledgement callback. Null for anything else.
 */
export function parseClientEvent(packet: readonly unknown[]): ClientEvent | null {
  const [name, payload, ...rest] = packet;
  if (!isClientEventName(name) || rest.length > 0) return null;
  const parsed = ClientSchemas[name].safeParse(payload);
  return parsed.success ? ({ event: name, payload: parsed.data } as ClientEvent) : null;
}

/** Client events one socket may send per window; a page view sends two (watch, unwatch). */
export const CLIENT_EVENTS_PER_WINDOW = 30;
export const CLIENT_EVENTS_WINDOW_MS = 10_000;

/** A fixed-window counter for one socket: false once it sent more than its share. */
export function createClientEventBudget(now: () => number = Date.now) {
  let windowStart = now();
  let used = 0;
  return () => {
    const at = now();
    if (at - windowStart >= CLIENT_EVENTS_WINDOW_MS) {
      windowStart = at;
      used = 0;
    }
    used += 1;
    return used <= CLIENT_EVENTS_PER_WINDOW;
  };
}
