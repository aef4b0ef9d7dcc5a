import type { ParticipationStatus } from '@turnout/contracts';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/database';
import { eventDepartures, events, participations, users } from '../../db/schema';

export interface AttendeeRow {
  userId: string;
  name: string;
  status: ParticipationStatus;
  statusAt: Date;
}

/** An event's attendee rows with the event's owner and version, read in one statement (one snapshot). */
export interface AttendeeList {
  organizerId: string;
  version: number;
  rows: AttendeeRow[];
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

  /** Everyone joined or waitlisted, in arrival order (seq), with the version they belong to; null if no such event. */
  async listAttendees(db: Executor, eventId: string): Promise<AttendeeList | null> {
    const rows = await db
      .select({
        organizerId: events.organizerId,
        version: events.version,
        userId: participations.userId,
        name: users.name,
        status: participations.status,
        statusAt: participations.statusAt,
      })
      .from(events)
      .leftJoin(participations, eq(participations.eventId, events.id))
      .leftJoin(users, eq(users.id, participations.userId))
      .where(eq(events.id, eventId))
      .orderBy(asc(participations.seq));
    const first = rows[0];
    if (!first) return null;
    const attendees: AttendeeRow[] = [];
    for (const row of rows) {
      if (row.userId === null || row.name === null || row.status === null || row.statusAt === null) continue;
      attendees.push({ userId: row.userId, name: row.name, status: row.status, statusAt: row.statusAt });
    }
    return { organizerId: first.organizerId, version: first.version, rows: attendees };
  },

  /** The waitlisted joiners from 1-based `position` on, in waitlist order. */
  async listWaitlistedFrom(tx: Tx, eventId: string, position: number): Promise<string[]> {
    const rows = await tx
      .select({ userId: participations.userId })
      .from(participations)
      .where(and(eq(participations.eventId, eventId), eq(participations.status, 'waitlisted')))
      .orderBy(asc(participations.seq))
      .offset(position - 1);
    return rows.map((row) => row.userId);
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
