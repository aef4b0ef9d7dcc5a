import type { EventWhen, ParticipationStatus } from '@turnout/contracts';
import { and, asc, eq, getTableColumns, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../db/database';
import { type EventRow, events, images, participations, users } from '../../db/schema';

/** The event's cover image, without its bytes (all null when it has none). */
export type CoverFields = { coverId: string | null; coverWidth: number | null; coverHeight: number | null; coverColor: string | null };
export const noCover: CoverFields = { coverId: null, coverWidth: null, coverHeight: null, coverColor: null };
/** An event row with its organizer's name and cover, as presenters need it. */
export type EventRecord = EventRow & { organizerName: string } & CoverFields;
/** `row` (as an update returned it) with the organizer's name and cover of `record`, which it came from. */
export const recordFrom = (row: EventRow, record: EventRecord): EventRecord => ({
  ...row,
  organizerName: record.organizerName,
  coverId: record.coverId,
  coverWidth: record.coverWidth,
  coverHeight: record.coverHeight,
  coverColor: record.coverColor,
});
/** The viewer's own place at an event; `position` is set for the waitlist only. */
export type MyParticipation = { status: ParticipationStatus; position: number | null } | null;
export type EventWithMine = { event: EventRecord; mine: MyParticipation };

export type NewEvent = Pick<
  EventRow,
  | 'organizerId'
  | 'title'
  | 'description'
  | 'locationType'
  | 'location'
  | 'onlineUrl'
  | 'attendeesVisible'
  | 'startsAt'
  | 'endsAt'
  | 'timezone'
  | 'durationMinutes'
  | 'capacity'
  | 'reminders'
>;
export type EventChanges = Partial<Omit<NewEvent, 'organizerId'>>;

export interface EventListFilter {
  viewerId: string;
  now: Date;
  when: EventWhen;
  /** Words to find in the title or location, case-insensitively; matched literally. */
  search?: string | undefined;
  mine: boolean;
  joined: boolean;
  after?: { startsAt: string; id: string } | undefined;
  limit: number;
}

// Flat rows: drizzle builds each result object once, and nothing is copied into an EventRecord after.
const recordFields = {
  ...getTableColumns(events),
  organizerName: users.name,
  coverId: images.id,
  coverWidth: images.width,
  coverHeight: images.height,
  coverColor: images.color,
};
const coverOf = eq(images.eventId, events.id);
// The viewer's waitlist place: waitlisted rows of the same event up to theirs, FIFO by seq.
const myPosition = sql<number | null>`case when ${participations.status} = 'waitlisted' then (
  select count(*)::int from participations w
  where w.event_id = ${events.id} and w.status = 'waitlisted' and w.seq <= ${participations.seq}) end`;
const viewFields = { ...recordFields, myStatus: participations.status, myPosition };

const toView = (row: EventRecord & { myStatus: ParticipationStatus | null; myPosition: number | null }): EventWithMine => ({
  event: row,
  mine: row.myStatus ? { status: row.myStatus, position: row.myPosition === null ? null : Number(row.myPosition) } : null,
});

// LIKE treats % and _ as wildcards and \ as their escape (PostgreSQL's default ESCAPE): a search matches them literally.
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const bumpVersion = { version: sql`${events.version} + 1` };

export const eventsRepository = {
  async insert(tx: Tx, event: NewEvent): Promise<EventRow> {
    const [row] = await tx.insert(events).values(event).returning();
    if (!row) throw new Error('insert returned no event');
    return row;
  },

  async findById(db: Executor, id: string): Promise<EventRecord | null> {
    const rows = await db
      .select(recordFields)
      .from(events)
      .innerJoin(users, eq(users.id, events.organizerId))
      .leftJoin(images, coverOf)
      .where(eq(events.id, id));
    return rows[0] ?? null;
  },

  /** Reads the event and locks its row until the transaction ends: edits, deletions and leaves start here. */
  async lockById(tx: Tx, id: string): Promise<EventRecord | null> {
    const rows = await tx
      .select(recordFields)
      .from(events)
      .innerJoin(users, eq(users.id, events.organizerId))
      .leftJoin(images, coverOf)
      .where(eq(events.id, id))
      .for('update', { of: events });
    return rows[0] ?? null;
  },

  async findWithMine(db: Executor, id: string, viewerId: string): Promise<EventWithMine | null> {
    const rows = await db
      .select(viewFields)
      .from(events)
      .innerJoin(users, eq(users.id, events.organizerId))
      .leftJoin(images, coverOf)
      .leftJoin(participations, and(eq(participations.eventId, events.id), eq(participations.userId, viewerId)))
      .where(eq(events.id, id));
    return rows[0] ? toView(rows[0]) : null;
  },

  /** Writes field changes and count changes in one statement, bumping the version once. */
  async update(tx: Tx, id: string, changes: EventChanges, counts: { joined: number; waitlisted: number }, at: Date): Promise<EventRow> {
    const [row] = await tx
      .update(events)
      .set({
        ...changes,
        ...bumpVersion,
        ...(Object.keys(changes).length > 0 ? { updatedAt: at.toISOString() } : {}),
        joinedCount: sql`${events.joinedCount} + ${counts.joined}`,
        waitlistCount: sql`${events.waitlistCount} + ${counts.waitlisted}`,
      })
      .where(eq(events.id, id))
      .returning();
    if (!row) throw new Error(`event ${id} vanished while locked`);
    return row;
  },

  async remove(tx: Tx, id: string): Promise<void> {
    await tx.delete(events).where(eq(events.id, id));
  },

  /** One page ordered by (startsAt, id), with each event's counts and the viewer's own participation. */
  async list(db: Db, filter: EventListFilter): Promise<EventWithMine[]> {
    const rows = await listStatement(db, filter).execute({
      viewerId: filter.viewerId,
      now: filter.now.toISOString(),
      search: filter.search ? containing(filter.search) : null,
      afterStartsAt: filter.after?.startsAt ?? null,
      afterId: filter.after?.id ?? null,
      limit: filter.limit,
    });
    return rows.map(toView);
  },
};

/**
 * The list's SQL differs only by which filters are on: each combination is built once per
 * database as a named prepared statement (PostgreSQL parses and plans it once per connection)
 * and then run with the filter's values, instead of building the query on every request.
 */
function buildListStatement(db: Db, shape: ListShape) {
  const conditions: (SQL | undefined)[] = [
    shape.when === 'upcoming'
      ? sql`${events.endsAt} > ${sql.placeholder('now')}::timestamptz`
      : shape.when === 'past'
        ? sql`${events.endsAt} <= ${sql.placeholder('now')}::timestamptz`
        : undefined,
    shape.search ? or(ilike(events.title, sql.placeholder('search')), ilike(events.location, sql.placeholder('search'))) : undefined,
    shape.mine ? eq(events.organizerId, sql.placeholder('viewerId')) : undefined,
    shape.joined ? sql`${participations.userId} is not null` : undefined,
    shape.after
      ? sql`(${events.startsAt}, ${events.id}) > (${sql.placeholder('afterStartsAt')}::timestamptz, ${sql.placeholder('afterId')}::uuid)`
      : undefined,
  ];
  return db
    .select(viewFields)
    .from(events)
    .innerJoin(users, eq(users.id, events.organizerId))
    .leftJoin(images, coverOf)
    .leftJoin(participations, and(eq(participations.eventId, events.id), eq(participations.userId, sql.placeholder('viewerId'))))
    .where(and(...conditions))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(sql.placeholder('limit'))
    .prepare(`events_list_${shapeKey(shape)}`);
}

type ListShape = { when: EventWhen; search: boolean; mine: boolean; joined: boolean; after: boolean };
type ListStatement = ReturnType<typeof buildListStatement>;
const shapeKey = (shape: ListShape) =>
  [shape.when, shape.search && 'q', shape.mine && 'mine', shape.joined && 'joined', shape.after && 'after'].filter(Boolean).join('_');

const listStatements = new WeakMap<Db, Map<string, ListStatement>>();

function listStatement(db: Db, filter: EventListFilter): ListStatement {
  const shape: ListShape = {
    when: filter.when,
    search: Boolean(filter.search),
    mine: filter.mine,
    joined: filter.joined,
    after: filter.after !== undefined,
  };
  let statements = listStatements.get(db);
  if (!statements) {
    statements = new Map();
    listStatements.set(db, statements);
  }
  const key = shapeKey(shape);
  let statement = statements.get(key);
  if (!statement) {
    statement = buildListStatement(db, shape);
    statements.set(key, statement);
  }
  return statement;
}
