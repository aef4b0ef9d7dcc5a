import type { ParticipationStatus } from '@turnout/contracts';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/database';
import { eventDepartures, participations, users } from '../../db/schema';

export interface AttendeeRow {
  userId: string;
  name: string;
  status: ParticipationStatus;
  statusAt: Date;
}

export const participationRepository = {
  async insert(tx: Tx, eventId: string, userId: string, status: ParticipationStatus, at: Date): Promise<void> {
    await tx.insert(participations).values({ eventId, userId, status, createdAt: at, statusAt: at });
  },

  /** Removes the participation and remembers the departure, so a later cancellation still reaches them. */
  async remove(tx: Tx, eventId: string, userId: string, at: Date): Promise<void> {
    await tx.delete(participations).where(and(eq(participations.eventId, eventId), eq(participations.userId, userId)));
    await tx
      .insert(eventDepartures)
      .values({ eventId, userId, leftAt: at })
      .onConflictDoUpdate({ target: [eventDepartures.eventId, eventDepartures.userId], set: { leftAt: at } });
  },

  /** Joiners who left the event and are not in it now. */
  async listDepartedIds(db: Executor, eventId: string): Promise<string[]> {
    const rows = await db
      .select({ userId: eventDepartures.userId })
      .from(eventDepartures)
      .where(eq(eventDepartures.eventId, eventId))
      .orderBy(asc(eventDepartures.leftAt));
    return rows.map((row) => row.userId);
  },

  /** Moves the first `count` waitlisted (FIFO by seq) to joined; returns their ids in that order. */
  async promoteFirstWaitlisted(tx: Tx, eventId: string, count: number, at: Date): Promise<string[]> {
    const first = tx
      .select({ userId: participations.userId })
      .from(participations)
      .where(and(eq(participations.eventId, eventId), eq(participations.status, 'waitlisted')))
      .orderBy(asc(participations.seq))
      .limit(count);
    const rows = await tx
      .update(participations)
      .set({ status: 'joined', statusAt: at })
      .where(and(eq(participations.eventId, eventId), inArray(participations.userId, first)))
      .returning({ userId: participations.userId, seq: participations.seq });
    return rows.sort((a, b) => a.seq - b.seq).map((row) => row.userId);
  },

  /** Everyone joined or waitlisted, in arrival order (seq). */
  async listAttendees(db: Executor, eventId: string): Promise<AttendeeRow[]> {
    return db
      .select({ userId: participations.userId, name: users.name, status: participations.status, statusAt: participations.statusAt })
      .from(participations)
      .innerJoin(users, eq(users.id, participations.userId))
      .where(eq(participations.eventId, eventId))
      .orderBy(asc(participations.seq));
  },

  async listParticipantIds(db: Executor, eventId: string): Promise<string[]> {
    const rows = await db
      .select({ userId: participations.userId })
      .from(participations)
      .where(eq(participations.eventId, eventId))
      .orderBy(asc(participations.seq));
    return rows.map((row) => row.userId);
  },
};
