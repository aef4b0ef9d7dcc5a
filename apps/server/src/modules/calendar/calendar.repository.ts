import { and, asc, eq, exists, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database';
import { type EventRow, events, participations, users } from '../../db/schema';

export type CalendarEventRow = Pick<
  EventRow,
  'id' | 'title' | 'description' | 'locationType' | 'location' | 'startsAt' | 'endsAt' | 'timezone' | 'version' | 'createdAt' | 'updatedAt'
>;

const calendarColumns = {
  id: events.id,
  title: events.title,
  description: events.description,
  locationType: events.locationType,
  location: events.location,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  timezone: events.timezone,
  version: events.version,
  createdAt: events.createdAt,
  updatedAt: events.updatedAt,
};

export const calendarRepository = {
  async findEvent(db: Executor, eventId: string): Promise<CalendarEventRow | null> {
    const rows = await db.select(calendarColumns).from(events).where(eq(events.id, eventId)).limit(1);
    return rows[0] ?? null;
  },

  /** Events the user organizes or has a seat in (waitlisted places are not on their calendar). */
  async listUserEvents(db: Executor, userId: string): Promise<CalendarEventRow[]> {
    const joined = db
      .select({ one: sql`1` })
      .from(participations)
      .where(and(eq(participations.eventId, events.id), eq(participations.userId, userId), eq(participations.status, 'joined')));
    return db
      .select(calendarColumns)
      .from(events)
      .where(or(eq(events.organizerId, userId), exists(joined)))
      .orderBy(asc(events.startsAt), asc(events.id));
  },

  async findUserIdByToken(db: Executor, token: string): Promise<string | null> {
    const rows = await db.select({ id: users.id }).from(users).where(eq(users.calendarToken, token)).limit(1);
    return rows[0]?.id ?? null;
  },

  /** The user's token, storing `candidate` first if they have none yet (one statement, safe under races). */
  async ensureToken(db: Executor, userId: string, candidate: string): Promise<string | null> {
    const rows = await db
      .update(users)
      .set({ calendarToken: sql`coalesce(${users.calendarToken}, ${candidate})` })
      .where(eq(users.id, userId))
      .returning({ token: users.calendarToken });
    return rows[0]?.token ?? null;
  },

  async replaceToken(db: Executor, userId: string, token: string): Promise<boolean> {
    const rows = await db.update(users).set({ calendarToken: token }).where(eq(users.id, userId)).returning({ id: users.id });
    return rows.length > 0;
  },
};
