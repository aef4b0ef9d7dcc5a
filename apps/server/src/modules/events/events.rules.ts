import type { EventRow } from '../../db/schema';

const MINUTE_MS = 60_000;

/** The stored end of an event: the database checks that it equals startsAt + durationMinutes. */
export const endsAtFor = (startsAt: Date, durationMinutes: number): Date => new Date(startsAt.getTime() + durationMinutes * MINUTE_MS);

/** An event has ended once its end time is reached; nothing can be joined or edited after that. */
export const hasEnded = (event: Pick<EventRow, 'endsAt'>, at: Date): boolean => event.endsAt.getTime() <= at.getTime();

/** Seats still free; unlimited capacity never runs out. */
export const freeSeats = (event: Pick<EventRow, 'capacity' | 'joinedCount'>): number =>
  event.capacity === null ? Number.POSITIVE_INFINITY : Math.max(0, event.capacity - event.joinedCount);

/** How many waitlisted joiners the event's free seats can take, first come first served. */
export const promotable = (event: Pick<EventRow, 'capacity' | 'joinedCount' | 'waitlistCount'>): number =>
  Math.min(freeSeats(event), event.waitlistCount);
