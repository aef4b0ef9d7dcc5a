import type { AnnouncementAudience, Preferences, PreferencesPatch } from '@turnout/contracts';
import { and, count, desc, eq, gt, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/database';
import { type AnnouncementRow, announcements, eventDepartures, events, participations, reminderDeliveries, users } from '../../db/schema';

/** What a mail to one person needs to know about them. */
export interface Reader {
  userId: string;
  name: string;
  /** Their verified address, or null: an unverified address gets no mail but its verification. */
  email: string | null;
  timezone: string | null;
  preferences: Pick<Preferences, 'reminders' | 'announcements' | 'changes' | 'digest'>;
}

const readerFields = {
  userId: users.id,
  name: users.name,
  email: sql<string | null>`case when ${users.emailVerifiedAt} is not null then ${users.email} end`,
  timezone: users.timezone,
  reminders: users.mailReminders,
  announcements: users.mailAnnouncements,
  changes: users.mailChanges,
  digest: users.mailDigest,
};
type ReaderRow = { userId: string; name: string; email: string | null; timezone: string | null } & Reader['preferences'];
const toReader = ({ userId, name, email, timezone, ...preferences }: ReaderRow): Reader => ({
  userId,
  name,
  email,
  timezone,
  preferences: {
    reminders: preferences.reminders,
    announcements: preferences.announcements,
    changes: preferences.changes,
    digest: preferences.digest,
  },
});

const audienceStatuses: Record<AnnouncementAudience, ('joined' | 'waitlisted')[]> = {
  joined: ['joined'],
  waitlisted: ['waitlisted'],
  all: ['joined', 'waitlisted'],
};

/** The audiences an attendee with `status` is in. */
export const audiencesOf = (status: 'joined' | 'waitlisted'): AnnouncementAudience[] => [status, 'all'];

export interface ActivityTaken {
  joins: number;
  leaves: number;
}

const READ_BATCH = 10_000;

export const messagesRepository = {
  /** In statements of READ_BATCH ids: PostgreSQL binds at most 65 535 parameters in one. */
  async readers(db: Executor, userIds: readonly string[]): Promise<Reader[]> {
    const readers: Reader[] = [];
    for (let i = 0; i < userIds.length; i += READ_BATCH) {
      const rows = await db
        .select(readerFields)
        .from(users)
        .where(inArray(users.id, userIds.slice(i, i + READ_BATCH)));
      readers.push(...rows.map(toReader));
    }
    return readers;
  },

  /** The people of an event in `audience`, in arrival order. */
  async audience(tx: Executor, eventId: string, audience: AnnouncementAudience): Promise<Reader[]> {
    const rows = await tx
      .select(readerFields)
      .from(participations)
      .innerJoin(users, eq(users.id, participations.userId))
      .where(and(eq(participations.eventId, eventId), inArray(participations.status, audienceStatuses[audience])))
      .orderBy(participations.seq);
    return rows.map(toReader);
  },

  /** Of `userIds`, those joined to the event now. */
  async stillJoined(db: Executor, eventId: string, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await db
      .select({ userId: participations.userId })
      .from(participations)
      .where(and(eq(participations.eventId, eventId), eq(participations.status, 'joined'), inArray(participations.userId, [...userIds])));
    return new Set(rows.map((row) => row.userId));
  },

  async myStatus(db: Executor, eventId: string, userId: string): Promise<'joined' | 'waitlisted' | null> {
    const [row] = await db
      .select({ status: participations.status })
      .from(participations)
      .where(and(eq(participations.eventId, eventId), eq(participations.userId, userId)));
    return row?.status ?? null;
  },

  async insertAnnouncement(tx: Tx, row: Omit<AnnouncementRow, 'id'>): Promise<AnnouncementRow> {
    const [inserted] = await tx.insert(announcements).values(row).returning();
    if (!inserted) throw new Error('insert returned no announcement');
    return inserted;
  },

  /** The event's announcements since `since`, oldest first (the hourly limit counts them). */
  async announcementTimesSince(tx: Tx, eventId: string, since: Date): Promise<Date[]> {
    const rows = await tx
      .select({ createdAt: announcements.createdAt })
      .from(announcements)
      .where(and(eq(announcements.eventId, eventId), gt(announcements.createdAt, since)))
      .orderBy(announcements.createdAt);
    return rows.map((row) => row.createdAt);
  },

  /** Newest first, with the author's name; only those for `audiences` when given. */
  async listAnnouncements(db: Executor, eventId: string, audiences: AnnouncementAudience[] | null, limit: number) {
    return db
      .select({ announcement: announcements, authorName: users.name })
      .from(announcements)
      .innerJoin(users, eq(users.id, announcements.authorId))
      .where(and(eq(announcements.eventId, eventId), audiences ? inArray(announcements.audience, audiences) : undefined))
      .orderBy(desc(announcements.createdAt), desc(announcements.id))
      .limit(limit);
  },

  async findAnnouncement(db: Executor, id: string) {
    const [row] = await db
      .select({ announcement: announcements, authorName: users.name })
      .from(announcements)
      .innerJoin(users, eq(users.id, announcements.authorId))
      .where(eq(announcements.id, id));
    return row ?? null;
  },

  /**
   * Records that the joined attendees of the event get the reminder `minutesBefore` its start
   * `startsAt`, for each one not given it yet, and answers them: the primary key makes each
   * reminder once, whichever process or attempt runs this. Nobody when the event is gone, starts
   * at another time now, or no longer has that reminder.
   */
  async claimReminders(tx: Tx, eventId: string, minutesBefore: number, startsAt: string, at: Date): Promise<string[]> {
    const result = await tx.execute(sql`
      with current as (
        select id from ${events}
        where id = ${eventId} and starts_at = ${startsAt} and ${minutesBefore}::int = any(reminders)
      ), given as (
        insert into ${reminderDeliveries} (event_id, user_id, minutes_before, starts_at, sent_at)
        select p.event_id, p.user_id, ${minutesBefore}, ${startsAt}, ${at.toISOString()}
        from ${participations} p join current on p.event_id = current.id
        where p.status = 'joined'
        order by p.seq
        on conflict do nothing
        returning user_id
      )
      select user_id from given`);
    return (result as unknown as { rows: { user_id: string }[] }).rows.map((row) => row.user_id);
  },

  /** Adds to the event's joins or leaves not yet told to its organizer. */
  async countActivity(tx: Executor, eventId: string, activity: Partial<ActivityTaken>): Promise<void> {
    await tx
      .update(events)
      .set({
        unnoticedJoins: sql`${events.unnoticedJoins} + ${activity.joins ?? 0}`,
        unnoticedLeaves: sql`${events.unnoticedLeaves} + ${activity.leaves ?? 0}`,
      })
      .where(eq(events.id, eventId));
  },

  /** Takes the joins and leaves not yet told (zeroing them under the row lock); null when there are none. */
  async takeActivity(tx: Tx, eventId: string): Promise<ActivityTaken | null> {
    const result = await tx.execute(sql`
      update ${events} e set unnoticed_joins = 0, unnoticed_leaves = 0
      from (select id, unnoticed_joins, unnoticed_leaves from ${events} where id = ${eventId} for update) before
      where e.id = before.id and (before.unnoticed_joins > 0 or before.unnoticed_leaves > 0)
      returning before.unnoticed_joins as joins, before.unnoticed_leaves as leaves`);
    const row = (result as unknown as { rows: { joins: number; leaves: number }[] }).rows[0];
    return row ? { joins: Number(row.joins), leaves: Number(row.leaves) } : null;
  },

  /** Marks the event's pending confirmations as sent and answers whose they were (and whether seated from the waitlist). */
  async takePendingConfirmations(tx: Tx, eventId: string): Promise<{ userId: string; promoted: boolean }[]> {
    const rows = await tx
      .update(participations)
      .set({ confirmationPending: false })
      .where(and(eq(participations.eventId, eventId), eq(participations.confirmationPending, true)))
      .returning({
        userId: participations.userId,
        status: participations.status,
        promoted: sql<boolean>`${participations.createdAt} <> ${participations.statusAt}`,
      });
    return rows.filter((row) => row.status === 'joined').map((row) => ({ userId: row.userId, promoted: Boolean(row.promoted) }));
  },

  /** Events with joins or leaves not yet told, or confirmations not yet sent (both indexed partially). */
  async eventsWithUntoldActivity(db: Executor): Promise<string[]> {
    const result = await db.execute(sql`
      select id from ${events} where unnoticed_joins > 0 or unnoticed_leaves > 0
      union
      select distinct event_id from ${participations} where confirmation_pending`);
    return (result as unknown as { rows: { id: string }[] }).rows.map((row) => row.id);
  },

  /** Organizers with the digest on and a verified address. */
  async digestReaders(db: Executor): Promise<Reader[]> {
    const rows = await db
      .select(readerFields)
      .from(users)
      .where(and(eq(users.mailDigest, true), isNotNull(users.emailVerifiedAt), eq(users.role, 'organizer')));
    return rows.map(toReader);
  },

  /** Per event of the organizer: who joined (and is still on it) and who left within [from, to). */
  async activityBetween(db: Executor, organizerId: string, from: Date, to: Date) {
    const within = (column: SQL) => sql`${column} >= ${from.toISOString()} and ${column} < ${to.toISOString()}`;
    const joins = db
      .select({ eventId: participations.eventId, n: count().as('joins') })
      .from(participations)
      .where(within(sql`${participations.createdAt}`))
      .groupBy(participations.eventId)
      .as('joins');
    const leaves = db
      .select({ eventId: eventDepartures.eventId, n: count().as('leaves') })
      .from(eventDepartures)
      .where(within(sql`${eventDepartures.leftAt}`))
      .groupBy(eventDepartures.eventId)
      .as('leaves');
    const rows = await db
      .select({
        id: events.id,
        title: events.title,
        startsAt: events.startsAt,
        joinedCount: events.joinedCount,
        waitlistCount: events.waitlistCount,
        capacity: events.capacity,
        joins: sql<number>`coalesce(${joins.n}, 0)::int`,
        leaves: sql<number>`coalesce(${leaves.n}, 0)::int`,
      })
      .from(events)
      .leftJoin(joins, eq(joins.eventId, events.id))
      .leftJoin(leaves, eq(leaves.eventId, events.id))
      .where(and(eq(events.organizerId, organizerId), sql`(${joins.n} is not null or ${leaves.n} is not null)`))
      .orderBy(events.startsAt);
    return rows.map((row) => ({ ...row, joins: Number(row.joins), leaves: Number(row.leaves) }));
  },

  async preferences(db: Executor, userId: string): Promise<Preferences | null> {
    const [row] = await db
      .select({
        reminders: users.mailReminders,
        announcements: users.mailAnnouncements,
        changes: users.mailChanges,
        digest: users.mailDigest,
        timezone: users.timezone,
      })
      .from(users)
      .where(eq(users.id, userId));
    return row ?? null;
  },

  async updatePreferences(db: Executor, userId: string, patch: PreferencesPatch): Promise<Preferences | null> {
    const set = {
      ...(patch.reminders !== undefined ? { mailReminders: patch.reminders } : {}),
      ...(patch.announcements !== undefined ? { mailAnnouncements: patch.announcements } : {}),
      ...(patch.changes !== undefined ? { mailChanges: patch.changes } : {}),
      ...(patch.digest !== undefined ? { mailDigest: patch.digest } : {}),
      ...(patch.timezone !== undefined ? { timezone: patch.timezone } : {}),
    };
    if (Object.keys(set).length > 0) await db.update(users).set(set).where(eq(users.id, userId));
    return messagesRepository.preferences(db, userId);
  },
};
