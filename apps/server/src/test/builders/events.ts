import type { EventCreateInput, EventView } from '@turnout/contracts';
import { eq } from 'drizzle-orm';
import { events } from '../../db/schema';
import { call } from '../harness/api';
import type { TestApp } from '../harness/build-test-app';
import type { TestUser } from './users';

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

/** Creates an event through the API as `organizer`. */
export async function buildEvent(t: TestApp, organizer: TestUser, overrides: Partial<EventCreateInput> = {}): Promise<EventView> {
  const response = await call(t, 'POST', '/api/events', { as: organizer, body: eventInput(overrides) });
  if (response.statusCode !== 201) throw new Error(`create event failed: ${response.statusCode} ${response.body}`);
  return response.json().event;
}

/** Moves an event into the past, as time passing would (the API never accepts a past start). */
export async function endEvent(t: TestApp, eventId: string): Promise<void> {
  const startsAt = new Date(Date.now() - 3 * 3_600_000);
  await t.db.database.db
    .update(events)
    .set({ startsAt: startsAt.toISOString(), durationMinutes: 60, endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString() })
    .where(eq(events.id, eventId));
}
