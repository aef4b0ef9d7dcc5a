import type { NoticeChanges } from '@turnout/contracts';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { isoInstant } from './iso-instant';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const now = sql`now()`;

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    role: text('role', { enum: ['organizer', 'joiner'] }).notNull(),
    passwordHash: text('password_hash').notNull(),
    /** Secret of the personal calendar feed; null until first asked for. */
    calendarToken: text('calendar_token'),
    /** Seen only by its owner; null for accounts made before addresses were asked for. */
    email: text('email'),
    /** When `email` was confirmed by its link; null while unverified (it gets no mail but that link). */
    emailVerifiedAt: instant('email_verified_at'),
    /** The zone the user reads times in (their mails and notices); null until set. */
    timezone: text('timezone'),
    /** Which mail the user wants (docs/product.md §8); each one-click unsubscribe turns one off. */
    mailReminders: boolean('mail_reminders').notNull().default(true),
    mailAnnouncements: boolean('mail_announcements').notNull().default(true),
    mailChanges: boolean('mail_changes').notNull().default(true),
    mailDigest: boolean('mail_digest').notNull().default(false),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_name_lower_key').on(sql`lower(${t.name})`),
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
    uniqueIndex('users_calendar_token_key').on(t.calendarToken),
    check('users_role_check', sql`${t.role} in ('organizer', 'joiner')`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the session token, hex: the token itself is never stored. */
    tokenHash: text('token_hash').primaryKey(),
    /** The session's public name, shown to its owner in the session list; never a credential. */
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: instant('created_at').notNull().defaultNow(),
    lastSeenAt: instant('last_seen_at').notNull().defaultNow(),
    expiresAt: instant('expires_at').notNull(),
    /** The User-Agent the session was started with, cut to a sensible length. */
    userAgent: text('user_agent'),
  },
  (t) => [
    uniqueIndex('sessions_id_key').on(t.id),
    index('sessions_user_id_idx').on(t.userId),
    index('sessions_expires_at_idx').on(t.expiresAt),
  ],
);

/**
 * Single-use secrets sent by mail (email verification, password reset). Only the SHA-256 of the
 * token is stored; the token itself exists in the mail alone. A token is made by the job that
 * sends its mail: a retried job replaces its own earlier token (`job_id`), so one mail, one link.
 */
export const accountTokens = pgTable(
  'account_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['verify_email', 'reset_password'] }).notNull(),
    /** For `verify_email`: the address the link confirms (a link for an old address confirms nothing). */
    email: text('email'),
    jobId: text('job_id').notNull(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('account_tokens_job_id_key').on(t.jobId),
    index('account_tokens_user_purpose_idx').on(t.userId, t.purpose),
    check('account_tokens_purpose_check', sql`${t.purpose} in ('verify_email', 'reset_password')`),
  ],
);

/** A user's authenticator secret, encrypted (AES-256-GCM, TOTP_ENCRYPTION_KEY); on once `enabled_at` is set. */
export const userTotp = pgTable('user_totp', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secretCiphertext: text('secret_ciphertext').notNull(),
  enabledAt: instant('enabled_at'),
  /** The last time step a code was accepted for: a code is never accepted twice. */
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  createdAt: instant('created_at').notNull().defaultNow(),
});

/** One-time recovery codes for two-factor sign-in; only their SHA-256 is stored. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: instant('used_at'),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);

/**
 * Every mail the server sent, one row per sending job (a retried job finds its row and sends
 * nothing twice). Bodies are kept only when there is no SMTP server (the embedded default), so
 * that a laptop user can still read their reset link; otherwise only the envelope is.
 */
export const mails = pgTable(
  'mails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    jobId: text('job_id').notNull(),
    kind: text('kind').notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    text: text('text'),
    html: text('html'),
    /** The SMTP server's Message-ID, when sent through one. */
    messageId: text('message_id'),
    sentAt: instant('sent_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('mails_job_id_key').on(t.jobId), index('mails_recipient_sent_idx').on(sql`lower(${t.recipient})`, t.sentAt)],
);

// Events and participations keep their instants as ISO text (isoInstant): every read of them ends
// in the API, which sends that text, so it is never parsed into a Date and formatted again.
export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizerId: uuid('organizer_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** 'venue' (a place; `location` empty while it is to be announced) or 'online' (`online_url` joins). */
    locationType: text('location_type', { enum: ['venue', 'online'] })
      .notNull()
      .default('venue'),
    location: text('location').notNull().default(''),
    /** An online event's join link: shown to its organizer and joined attendees only. */
    onlineUrl: text('online_url'),
    /** Whether logged-in viewers may see who is going (the organizer always may). */
    attendeesVisible: boolean('attendees_visible').notNull().default(true),
    startsAt: isoInstant('starts_at').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    /** startsAt + durationMinutes, written with them (timestamptz arithmetic cannot be a generated column). */
    endsAt: isoInstant('ends_at').notNull(),
    timezone: text('timezone').notNull(),
    capacity: integer('capacity'),
    /** Minutes before the start, longest first; each sent once to every joined attendee. */
    reminders: integer('reminders').array().notNull().default(sql`'{1440,60}'`),
    /** Joins and leaves since the organizer was last told (their notices come grouped per burst). */
    unnoticedJoins: integer('unnoticed_joins').notNull().default(0),
    unnoticedLeaves: integer('unnoticed_leaves').notNull().default(0),
    joinedCount: integer('joined_count').notNull().default(0),
    waitlistCount: integer('waitlist_count').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: isoInstant('created_at').notNull().default(now),
    updatedAt: isoInstant('updated_at').notNull().default(now),
  },
  (t) => [
    index('events_starts_at_id_idx').on(t.startsAt, t.id),
    index('events_ends_at_idx').on(t.endsAt),
    index('events_organizer_id_idx').on(t.organizerId, t.startsAt),
    index('events_unnoticed_idx').on(t.id).where(sql`${t.unnoticedJoins} > 0 or ${t.unnoticedLeaves} > 0`),
    // The capacity invariant lives in the database, whatever the code does (docs/product.md §2).
    check('events_joined_within_capacity', sql`${t.capacity} is null or ${t.joinedCount} <= ${t.capacity}`),
    check('events_counts_non_negative', sql`${t.joinedCount} >= 0 and ${t.waitlistCount} >= 0`),
    check('events_capacity_range', sql`${t.capacity} is null or ${t.capacity} between 1 and 100000`),
    check('events_ends_after_start', sql`${t.endsAt} = ${t.startsAt} + ${t.durationMinutes} * interval '1 minute'`),
    check('events_location_type_check', sql`${t.locationType} in ('venue', 'online')`),
    check('events_duration_range', sql`${t.durationMinutes} between 1 and 43200`),
    check(
      'events_reminders_range',
      sql`coalesce(array_length(${t.reminders}, 1), 0) <= 3 and 0 < all(${t.reminders}) and 20160 >= all(${t.reminders})`,
    ),
  ],
);

export const participations = pgTable(
  'participations',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['joined', 'waitlisted'] }).notNull(),
    /** Arrival order: the waitlist is served by ascending `seq` (FIFO). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    createdAt: isoInstant('created_at').notNull().default(now),
    /** When the current status was taken (the join, or the promotion). */
    statusAt: isoInstant('status_at').notNull().default(now),
    /** Seated (by joining or from the waitlist) and not yet sent the confirmation mail. */
    confirmationPending: boolean('confirmation_pending').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.userId] }),
    index('participations_confirmation_pending_idx').on(t.eventId).where(sql`${t.confirmationPending}`),
    index('participations_event_status_seq_idx').on(t.eventId, t.status, t.seq),
    index('participations_user_id_idx').on(t.userId),
    check('participations_status_check', sql`${t.status} in ('joined', 'waitlisted')`),
  ],
);

/**
 * Joiners who left an event: they are still told if it is cancelled. Gone with the event;
 * a joiner who comes back is a participant again and is told as one.
 */
export const eventDepartures = pgTable(
  'event_departures',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    leftAt: instant('left_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] })],
);

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type', {
      enum: ['promoted', 'event_changed', 'event_cancelled', 'reminder', 'announcement', 'attendance_activity'],
    }).notNull(),
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** What an edit changed, on `event_changed` notices; null on other kinds and on those stored before it was kept. */
    changes: jsonb('changes').$type<NoticeChanges>(),
    createdAt: instant('created_at').notNull().defaultNow(),
    readAt: instant('read_at'),
  },
  (t) => [index('notifications_user_created_idx').on(t.userId, t.createdAt)],
);

/** What an organizer told the people on an event; its recipients each got a notification (and mail). */
export const announcements = pgTable(
  'announcements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    audience: text('audience', { enum: ['joined', 'waitlisted', 'all'] }).notNull(),
    recipientCount: integer('recipient_count').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('announcements_event_created_idx').on(t.eventId, t.createdAt),
    check('announcements_audience_check', sql`${t.audience} in ('joined', 'waitlisted', 'all')`),
  ],
);

/**
 * Each reminder each attendee was given: the key makes it once, whichever process and attempt
 * sends it. A start moved by an edit is a new `starts_at`, so its reminders are new ones.
 */
export const reminderDeliveries = pgTable(
  'reminder_deliveries',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    minutesBefore: integer('minutes_before').notNull(),
    startsAt: isoInstant('starts_at').notNull(),
    sentAt: instant('sent_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId, t.minutesBefore, t.startsAt] })],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * Uploaded images, already resized and re-encoded (WebP): an event's cover or a user's avatar,
 * one of each at most. In the database so every replica serves them; a replaced image is a new
 * row (a new id, so its URL can be cached forever) and the old row goes in the same transaction.
 */
export const images = pgTable(
  'images',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    contentType: text('content_type').notNull(),
    bytes: bytea('bytes').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    /** The dominant colour, `#rrggbb`: pages fill the image's box with it while it loads. */
    color: text('color').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('images_event_id_key').on(t.eventId).where(sql`${t.eventId} is not null`),
    uniqueIndex('images_user_id_key').on(t.userId).where(sql`${t.userId} is not null`),
    check('images_one_owner', sql`(${t.eventId} is null) <> (${t.userId} is null)`),
  ],
);

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type EventRow = typeof events.$inferSelect;
export type ParticipationRow = typeof participations.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;
export type AccountTokenRow = typeof accountTokens.$inferSelect;
export type UserTotpRow = typeof userTotp.$inferSelect;
export type MailRow = typeof mails.$inferSelect;
export type AnnouncementRow = typeof announcements.$inferSelect;
export type ImageRow = typeof images.$inferSelect;
