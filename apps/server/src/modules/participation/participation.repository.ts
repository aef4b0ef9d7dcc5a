import type { ParticipationStatus } from '@turnout/contracts';
import { hasEnded } from '@turnout/domain';
import { and, asc, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/database';
import { type EventRow, eventDepartures, events, images, participations, users } from '../../db/schema';
import { type EventRecord, eventsRepository, type MyParticipation } from '../events';
import { participationPolicy } from './participation.policy';

export interface AttendeeRow {
  userId: string;
  name: string;
  avatarId: string | null;
  status: ParticipationStatus;
  /** ISO 8601, UTC. */
  statusAt: string;
}

/** An event's attendee rows with the event's owner and version, read in one statement (one snapshot). */
export interface AttendeeList {
  organizerId: string;
  /** Whether the organizer lets logged-in viewers see who is going. */
  attendeesVisible: boolean;
  version: number;
  rows: AttendeeRow[];
}

/** What one join statement found and did; see `participationRepository.seatOrWaitlist`. */
export type JoinOutcome =
  | { kind: 'added'; event: EventRecord; mine: NonNullable<MyParticipation> }
  | { kind: 'already'; event: EventRecord; mine: NonNullable<MyParticipation> }
  | { kind: 'ended'; event: EventRecord }
  | { kind: 'host'; event: EventRecord };

const eventColumns = Object.entries(getTableColumns(events));

/** An `events` row as the driver returned it (column names, driver values) → an EventRow. */
function eventFromDriver(row: Record<string, unknown>): EventRow {
  const event: Record<string, unknown> = {};
  for (const [key, column] of eventColumns) {
    const value = row[column.name];
    event[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return event as EventRow;
}

/**
 * The join as one statement (see `participationRepository.seatOrWaitlist`). `at` is the instant of
 * the join, ISO 8601 or any SQL expression of a timestamptz: the benchmark renders this same
 * statement for pgbench with `now()` there.
 */
export function joinStatement(eventId: string, userId: string, at: string): SQL {
  return sql`
    with locked as (
      select * from ${events} where id = ${eventId} for update
    ), mine as (
      select p.status, case when p.status = 'waitlisted' then (
        select count(*)::int from ${participations} w
        where w.event_id = p.event_id and w.status = 'waitlisted' and w.seq <= p.seq) end as position
      from ${participations} p where p.event_id = ${eventId} and p.user_id = ${userId}
    ), decided as (
      select case when (capacity is null or joined_count < capacity) and waitlist_count = 0
        then 'joined' else 'waitlisted' end as status
      from locked where ends_at > ${at} and organizer_id <> ${userId} and not exists (select 1 from mine)
    ), added as (
      insert into ${participations} (event_id, user_id, status, created_at, status_at, confirmation_pending)
      select ${eventId}, ${userId}, status, ${at}, ${at}, status = 'joined' from decided
      -- The same joiner's other join, waiting on the same lock, may have inserted since this
      -- statement's snapshot: then nothing is added, and the caller reads what that join did.
      on conflict (event_id, user_id) do nothing
      returning status
    ), counted as (
      update ${events} set
        joined_count = ${events.joinedCount} + (added.status = 'joined')::int,
        waitlist_count = ${events.waitlistCount} + (added.status = 'waitlisted')::int,
        -- Told to the organizer in the next grouped notice (messages' attendance activity).
        unnoticed_joins = ${events.unnoticedJoins} + 1,
        version = ${events.version} + 1
      from added where ${events.id} = ${eventId}
      returning ${events}.joined_count as counted_joined, ${events}.waitlist_count as counted_waitlisted, ${events}.version as counted_version
    )
    select locked.*, u.name as organizer_name, mine.status as mine_status, mine.position as mine_position,
      added.status as added_status, counted.*,
      cover.id as cover_id, cover.width as cover_width, cover.height as cover_height, cover.color as cover_color
    from locked join ${users} u on u.id = locked.organizer_id
      left join ${images} cover on cover.event_id = locked.id
      left join mine on true left join added on true left join counted on true`;
}

export const participationRepository = {
  /**
   * The whole join in one statement: lock the event row, read the viewer's participation, seat
   * them if a seat is free and nobody is waiting (else put them at the end of the waitlist), and
   * write the counts and version. Run on its own it commits by itself: joins of one event queue on
   * the row lock and each holds it only while this statement runs, never across a round trip.
   * It decides as `decideJoin` in @turnout/domain's seating rules (a property test runs both on the
   * same states), here under the lock; the CHECK on joined_count <= capacity backs it.
   * Null when the event does not exist.
   */
  async seatOrWaitlist(db: Executor, eventId: string, userId: string, at: Date): Promise<JoinOutcome | null> {
    const result = await db.execute(joinStatement(eventId, userId, at.toISOString()));
    const row = (result as unknown as { rows: Record<string, unknown>[] }).rows[0];
    if (!row) return null;
    const found: EventRecord = {
      ...eventFromDriver(row),
      organizerName: String(row.organizer_name),
      coverId: row.cover_id === null ? null : String(row.cover_id),
      coverWidth: row.cover_width === null ? null : Number(row.cover_width),
      coverHeight: row.cover_height === null ? null : Number(row.cover_height),
      coverColor: row.cover_color === null ? null : String(row.cover_color),
    };
    if (row.added_status) {
      const status = row.added_status as ParticipationStatus;
      const event = {
        ...found,
        joinedCount: Number(row.counted_joined),
        waitlistCount: Number(row.counted_waitlisted),
        version: Number(row.counted_version),
      };
      // A newcomer always waits at the end of the line.
      return { kind: 'added', event, mine: { status, position: status === 'waitlisted' ? event.waitlistCount : null } };
    }
    if (row.mine_status) {
      const position = row.mine_position === null ? null : Number(row.mine_position);
      return { kind: 'already', event: found, mine: { status: row.mine_status as ParticipationStatus, position } };
    }
    if (!participationPolicy.join({ id: userId }, found)) return { kind: 'host', event: found };
    if (hasEnded(found, at)) return { kind: 'ended', event: found };
    // Nothing added to an open event: a join of the same person committed while this one waited on
    // the lock (a double click). Their place is what that join took, read now that it is committed.
    const current = await eventsRepository.findWithMine(db, eventId, userId);
    if (!current?.mine) throw new Error(`join of ${eventId} added nobody and found no participation`);
    return { kind: 'already', event: current.event, mine: current.mine };
  },

  /** The viewer's place at an event: their status, and their 1-based place in line when waiting. */
  async findMine(db: Executor, eventId: string, userId: string): Promise<MyParticipation> {
    const rows = await db
      .select({
        status: participations.status,
        position: sql<number | null>`case when ${participations.status} = 'waitlisted' then (
          select count(*)::int from ${participations} w
          where w.event_id = ${participations.eventId} and w.status = 'waitlisted' and w.seq <= ${participations.seq}) end`,
      })
      .from(participations)
      .where(and(eq(participations.eventId, eventId), eq(participations.userId, userId)));
    const row = rows[0];
    return row ? { status: row.status, position: row.position === null ? null : Number(row.position) } : null;
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
      // Seated now: their confirmation mail goes with the event's next activity run.
      .set({ status: 'joined', statusAt: at.toISOString(), confirmationPending: true })
      .where(and(eq(participations.eventId, eventId), inArray(participations.userId, first)))
      .returning({ userId: participations.userId, seq: participations.seq });
    return rows.sort((a, b) => a.seq - b.seq).map((row) => row.userId);
  },

  /** Everyone joined or waitlisted, in arrival order (seq), with the version they belong to; null if no such event. */
  async listAttendees(db: Executor, eventId: string): Promise<AttendeeList | null> {
    const rows = await db
      .select({
        organizerId: events.organizerId,
        attendeesVisible: events.attendeesVisible,
        version: events.version,
        userId: participations.userId,
        name: users.name,
        avatarId: images.id,
        status: participations.status,
        statusAt: participations.statusAt,
      })
      .from(events)
      .leftJoin(participations, eq(participations.eventId, events.id))
      .leftJoin(users, eq(users.id, participations.userId))
      .leftJoin(images, eq(images.userId, participations.userId))
      .where(eq(events.id, eventId))
      .orderBy(asc(participations.seq));
    const first = rows[0];
    if (!first) return null;
    const attendees: AttendeeRow[] = [];
    for (const row of rows) {
      if (row.userId === null || row.name === null || row.status === null || row.statusAt === null) continue;
      attendees.push({ userId: row.userId, name: row.name, avatarId: row.avatarId, status: row.status, statusAt: row.statusAt });
    }
    return { organizerId: first.organizerId, attendeesVisible: first.attendeesVisible, version: first.version, rows: attendees };
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
