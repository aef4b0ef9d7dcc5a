import type { EventCreateInput, EventView } from '@turnout/contracts';
import { eq } from 'drizzle-orm';
import { events } from '../db/schema';
import type { Publisher, RealtimeMessage } from '../realtime/publisher';
import type { TestApp } from './build-test-app';
import { ORIGIN, type TestUser } from './builders';

const DAY_MS = 86_400_000;

/** An ISO instant `days` from now (negative: in the past). */
export const daysFromNow = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

export const eventInput = (overrides: Partial<EventCreateInput> = {}): EventCreateInput => ({
  title: 'Board games night',
  description: 'Bring your favourite game.',
  location: 'Community hall, room 3',
  startsAt: daysFromNow(7),
  timezone: 'Europe/Berlin',
  durationMinutes: 120,
  capacity: null,
  ...overrides,
});

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One API call as `as` (anonymous without), from the app's own origin. */
export function call(t: TestApp, method: Method, url: string, options: { as?: TestUser | undefined; body?: unknown } = {}) {
  return t.app.inject({
    method,
    url,
    headers: { origin: ORIGIN, ...(options.as ? { cookie: options.as.cookie } : {}) },
    ...(options.body === undefined ? {} : { payload: options.body as object }),
  });
}

/** Creates an event through the API as `organizer`. */
export async function buildEvent(t: TestApp, organizer: TestUser, overrides: Partial<EventCreateInput> = {}): Promise<EventView> {
  const response = await call(t, 'POST', '/api/events', { as: organizer, body: eventInput(overrides) });
  if (response.statusCode !== 201) throw new Error(`create event failed: ${response.statusCode} ${response.body}`);
  return response.json().event;
}

export const join = (t: TestApp, user: TestUser, eventId: string) => call(t, 'PUT', `/api/events/${eventId}/participation`, { as: user });
export const leave = (t: TestApp, user: TestUser, eventId: string) =>
  call(t, 'DELETE', `/api/events/${eventId}/participation`, { as: user });

/** Moves an event into the past, as time passing would (the API never accepts a past start). */
export async function endEvent(t: TestApp, eventId: string): Promise<void> {
  const startsAt = new Date(Date.now() - 3 * 3_600_000);
  await t.db.database.db
    .update(events)
    .set({ startsAt, durationMinutes: 60, endsAt: new Date(startsAt.getTime() + 3_600_000) })
    .where(eq(events.id, eventId));
}

/** A publisher that keeps what it is given, to assert on what a write sent after COMMIT. */
export function recordingPublisher(): Publisher & { messages: RealtimeMessage[]; take(): RealtimeMessage[] } {
  const messages: RealtimeMessage[] = [];
  return {
    messages,
    publish: (batch) => void messages.push(...batch),
    endSession() {},
    take: () => messages.splice(0, messages.length),
  };
}
