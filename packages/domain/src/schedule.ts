const MINUTE_MS = 60_000;

/** An instant as the server holds it (a Date) or as it crosses the wire (ISO 8601 text). */
export type Instant = Date | string;

const millis = (at: Instant | number): number => (typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime());

/** The end of an event: its start plus its duration. The database checks that the stored end agrees. */
export const endsAtFor = (startsAt: Date, durationMinutes: number): Date => new Date(startsAt.getTime() + durationMinutes * MINUTE_MS);

/**
 * An event has ended once its end is reached: from then on nobody joins, leaves or edits it, and
 * lists count it as past.
 */
export const hasEnded = (event: { endsAt: Instant }, at: Instant | number = Date.now()): boolean => millis(event.endsAt) <= millis(at);
