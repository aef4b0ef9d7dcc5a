import type { MailTopic } from '@turnout/contracts';
import type { Db, Executor } from '../../db/database';
import type { RunInTransaction } from '../../db/unit-of-work';
import type { JobContext, JobQueue } from '../../jobs/job-queue';
import type { PgBossJobQueue } from '../../jobs/pg-boss-queue';
import type { CalendarPart, EventChange, MailEvent, Mailer, MailTemplate, Unsubscribe } from '../../mail';
import { presentInvitation } from '../calendar';
import { type EventRecord, eventsRepository } from '../events';
import { notices, notify } from '../notifications';
import { messagesRepository, type Reader } from './messages.repository';
import type { UnsubscribeTokens } from './unsubscribe-tokens';

export const MESSAGE_JOBS = {
  reminder: 'messages.reminder',
  mail: 'messages.mail',
  activity: 'messages.activity',
  activitySweep: 'messages.activity-sweep',
  digest: 'messages.digest',
} as const;

/** People per mail job: a job's mails go out together, each once under `${job.id}:${userId}`. */
export const MAIL_BATCH = 100;

/**
 * An event as a mail about it needs it, kept in a job's data when the row may be gone by then.
 * Jobs enqueued before online events existed carry no `locationType`: describePlace reads that as a venue.
 */
export interface EventSnapshot extends MailEvent {
  description: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ReminderJob {
  eventId: string;
  minutesBefore: number;
  /** The start the reminder was scheduled for: after an edit moved it, this run sends nothing. */
  startsAt: string;
}

export type MailJob =
  | { kind: 'reminder'; eventId: string; minutesBefore: number; startsAt: string; userIds: string[] }
  | { kind: 'announcement'; announcementId: string; userIds: string[] }
  | { kind: 'changed'; eventId: string; previous: EventSnapshot; changes: EventChange[]; userIds: string[] }
  | { kind: 'cancelled'; event: EventSnapshot; userIds: string[] }
  | { kind: 'confirmation'; eventId: string; userIds: string[]; promotedIds: string[] };

/** A mail job without its recipients: `enqueueMail` adds them, MAIL_BATCH at a time. */
type WithoutRecipients<J> = J extends MailJob ? Omit<J, 'userIds'> : never;
type MailJobFor = WithoutRecipients<MailJob>;

export interface ActivityJob {
  eventId: string;
}

export const snapshotOf = (event: EventRecord): EventSnapshot => ({
  id: event.id,
  title: event.title,
  description: event.description,
  locationType: event.locationType,
  location: event.location,
  startsAt: event.startsAt,
  endsAt: event.endsAt,
  timezone: event.timezone,
  version: event.version,
  createdAt: event.createdAt,
  updatedAt: event.updatedAt,
});

const topicOf: Record<MailJob['kind'], MailTopic> = {
  reminder: 'reminders',
  announcement: 'announcements',
  changed: 'changes',
  cancelled: 'changes',
  confirmation: 'changes',
};

/** Whether `reader` gets mail of `topic`: a verified address, and the topic on. */
export const wantsMail = (reader: Reader, topic: MailTopic): reader is Reader & { email: string } =>
  reader.email !== null && reader.preferences[topic];

export interface MessageJobDeps {
  db: Db;
  runInTransaction: RunInTransaction;
  mailer: Mailer;
  tokens: UnsubscribeTokens;
  publicOrigin: string;
  /** The From address: calendar invitations name it as the organizer's. */
  mailFrom: string;
  /** How long joins and leaves gather before the organizer is told of them (and confirmations leave). */
  activityWindowMs: number;
  now: () => Date;
}

/** Enqueues mail jobs of MAIL_BATCH people each, on `tx`. */
export async function enqueueMail(
  queue: Pick<JobQueue, 'enqueue'>,
  tx: Executor,
  job: MailJobFor,
  userIds: readonly string[],
): Promise<void> {
  for (let i = 0; i < userIds.length; i += MAIL_BATCH) {
    await queue.enqueue(tx, MESSAGE_JOBS.mail, { ...job, userIds: userIds.slice(i, i + MAIL_BATCH) } as MailJob);
  }
}

/**
 * The jobs of messaging: reminders (one job per event, reminder and start, fanned out when due),
 * mail in batches, the organizer's grouped attendance notices with the confirmations that go with
 * them, the sweep that catches activity whose job was never enqueued, and the daily digest.
 */
export function defineMessageJobs(queue: Pick<PgBossJobQueue, 'define' | 'definePeriodic' | 'enqueue'>, deps: MessageJobDeps) {
  const unsubscribeFor = (userId: string, topic: MailTopic): Unsubscribe => {
    const token = deps.tokens.issue(userId, topic);
    return { pageUrl: `${deps.publicOrigin}/unsubscribe#token=${token}`, oneClickUrl: `${deps.publicOrigin}/api/unsubscribe/${token}` };
  };
  const eventUrl = (eventId: string) => `${deps.publicOrigin}/events/${eventId}`;
  const mailFromAddress = deps.mailFrom.match(/<([^>]+)>/)?.[1] ?? deps.mailFrom;
  const invitation = (
    event: EventSnapshot,
    method: CalendarPart['method'],
    reader: Reader & { email: string },
    organizerName: string,
    joinUrl: string | null = null,
  ) => ({
    method,
    ics: presentInvitation(event, {
      method,
      publicOrigin: deps.publicOrigin,
      organizer: { name: organizerName, email: mailFromAddress },
      attendee: { name: reader.name, email: reader.email },
      joinUrl,
    }),
  });
  /** The join link for a mail to someone with a seat (docs/product.md §11): null for anyone else, and for a venue. */
  const joinUrlFor = (event: EventRecord, seated: boolean): string | null =>
    seated && event.locationType === 'online' ? event.onlineUrl : null;

  /** Sends each reader who wants `topic` the mail `compose` makes, once per job and reader. */
  async function mailEach(
    job: JobContext,
    readers: Reader[],
    topic: MailTopic,
    compose: (reader: Reader & { email: string }, about: { readerTimeZone: string | null; unsubscribe: Unsubscribe }) => MailTemplate,
  ): Promise<void> {
    await deps.mailer.sendEach(
      readers
        .filter((reader): reader is Reader & { email: string } => wantsMail(reader, topic))
        .map((reader) => ({
          key: `${job.id}:${reader.userId}`,
          to: reader.email,
          template: compose(reader, { readerTimeZone: reader.timezone, unsubscribe: unsubscribeFor(reader.userId, topic) }),
        })),
    );
  }

  queue.define<ReminderJob>(MESSAGE_JOBS.reminder, async ({ eventId, minutesBefore, startsAt }) => {
    const at = deps.now();
    // Run late, after the start (every process was down): a reminder then would only confuse.
    if (at.getTime() >= Date.parse(startsAt)) return;
    await deps.runInTransaction(async (tx, outbox) => {
      const userIds = await messagesRepository.claimReminders(tx, eventId, minutesBefore, startsAt, at);
      if (userIds.length === 0) return;
      const event = await eventsRepository.findById(tx, eventId);
      if (!event) return;
      const readers = await messagesRepository.readers(tx, userIds);
      await notify(
        tx,
        outbox,
        readers.map((reader) => notices.reminder(reader.userId, event, minutesBefore, reader.timezone)),
        at,
      );
      const mailed = readers.filter((reader) => wantsMail(reader, 'reminders')).map((reader) => reader.userId);
      await enqueueMail(queue, tx, { kind: 'reminder', eventId, minutesBefore, startsAt }, mailed);
    });
  });

  queue.define<MailJob>(
    MESSAGE_JOBS.mail,
    async (data, job) => {
      const topic = topicOf[data.kind];
      switch (data.kind) {
        case 'reminder': {
          const event = await eventsRepository.findById(deps.db, data.eventId);
          if (!event || event.startsAt !== data.startsAt) return;
          const joined = await messagesRepository.stillJoined(deps.db, data.eventId, data.userIds);
          const readers = (await messagesRepository.readers(deps.db, data.userIds)).filter((reader) => joined.has(reader.userId));
          return mailEach(job, readers, topic, (reader, about) => ({
            kind: 'event_reminder',
            name: reader.name,
            event,
            eventUrl: eventUrl(event.id),
            joinUrl: joinUrlFor(event, true),
            minutesBefore: data.minutesBefore,
            ...about,
          }));
        }
        case 'announcement': {
          const found = await messagesRepository.findAnnouncement(deps.db, data.announcementId);
          if (!found) return;
          const event = await eventsRepository.findById(deps.db, found.announcement.eventId);
          if (!event) return;
          const readers = await messagesRepository.readers(deps.db, data.userIds);
          return mailEach(job, readers, topic, (reader, about) => ({
            kind: 'announcement',
            name: reader.name,
            event,
            eventUrl: eventUrl(event.id),
            authorName: found.authorName,
            body: found.announcement.body,
            ...about,
          }));
        }
        case 'changed': {
          const event = await eventsRepository.findById(deps.db, data.eventId);
          if (!event) return;
          const readers = await messagesRepository.readers(deps.db, data.userIds);
          // Everyone on the event is told; only those with a seat get the join link.
          const seated =
            event.locationType === 'online' ? await messagesRepository.stillJoined(deps.db, event.id, data.userIds) : new Set<string>();
          return mailEach(job, readers, topic, (reader, about) => {
            const joinUrl = joinUrlFor(event, seated.has(reader.userId));
            return {
              kind: 'event_changed',
              name: reader.name,
              event,
              previous: data.previous,
              changes: data.changes,
              eventUrl: eventUrl(event.id),
              joinUrl,
              calendar: invitation(snapshotOf(event), 'REQUEST', reader, event.organizerName, joinUrl),
              ...about,
            };
          });
        }
        case 'cancelled': {
          const readers = await messagesRepository.readers(deps.db, data.userIds);
          return mailEach(job, readers, topic, (reader, about) => ({
            kind: 'event_cancelled',
            name: reader.name,
            event: data.event,
            eventUrl: `${deps.publicOrigin}/`,
            calendar: invitation(data.event, 'CANCEL', reader, 'Turnout'),
            ...about,
          }));
        }
        case 'confirmation': {
          const event = await eventsRepository.findById(deps.db, data.eventId);
          if (!event) return;
          // Who left again before their mail went has nothing to confirm.
          const joined = await messagesRepository.stillJoined(deps.db, data.eventId, data.userIds);
          const readers = (await messagesRepository.readers(deps.db, data.userIds)).filter((reader) => joined.has(reader.userId));
          const promoted = new Set(data.promotedIds);
          return mailEach(job, readers, topic, (reader, about) => ({
            kind: 'join_confirmation',
            name: reader.name,
            event,
            eventUrl: eventUrl(event.id),
            joinUrl: joinUrlFor(event, true),
            promoted: promoted.has(reader.userId),
            calendar: invitation(snapshotOf(event), 'REQUEST', reader, event.organizerName, joinUrlFor(event, true)),
            ...about,
          }));
        }
      }
    },
    // Several hundred mails may take a while through a slow server.
    { expireInSeconds: 600 },
  );

  queue.define<ActivityJob>(
    MESSAGE_JOBS.activity,
    async ({ eventId }) => {
      await deps.runInTransaction(async (tx, outbox) => {
        const taken = await messagesRepository.takeActivity(tx, eventId);
        const event = await eventsRepository.findById(tx, eventId);
        if (!event) return;
        const at = deps.now();
        if (taken) await notify(tx, outbox, [notices.attendanceActivity(event.organizerId, event, taken.joins, taken.leaves)], at);
        const confirmed = await messagesRepository.takePendingConfirmations(tx, eventId);
        if (confirmed.length > 0) {
          const promotedIds = confirmed.filter((row) => row.promoted).map((row) => row.userId);
          const readers = await messagesRepository.readers(
            tx,
            confirmed.map((row) => row.userId),
          );
          const mailed = readers.filter((reader) => wantsMail(reader, 'changes')).map((reader) => reader.userId);
          await enqueueMail(
            queue,
            tx,
            { kind: 'confirmation', eventId, promotedIds: promotedIds.filter((id) => mailed.includes(id)) },
            mailed,
          );
        }
      });
    },
    { keyed: true },
  );

  // A join commits before its activity job is enqueued (it is one statement, with no transaction
  // to enqueue in): a process that died between the two left activity that this finds.
  queue.definePeriodic(MESSAGE_JOBS.activitySweep, { cron: '*/5 * * * *' }, async () => {
    const startAfter = new Date(deps.now().getTime() + deps.activityWindowMs);
    for (const eventId of await messagesRepository.eventsWithUntoldActivity(deps.db)) {
      await queue.enqueue(deps.db, MESSAGE_JOBS.activity, { eventId }, { singletonKey: eventId, startAfter });
    }
  });

  // The day before, in UTC, to each organizer who wants it: once per day and organizer, whichever
  // run sends it (the mail's key is the day's).
  queue.definePeriodic(MESSAGE_JOBS.digest, { cron: '0 7 * * *' }, async () => {
    const today = deps.now();
    const to = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
    const from = new Date(to.getTime() - 86_400_000);
    const day = from.toISOString().slice(0, 10);
    for (const reader of await messagesRepository.digestReaders(deps.db)) {
      if (!wantsMail(reader, 'digest')) continue;
      const activity = await messagesRepository.activityBetween(deps.db, reader.userId, from, to);
      if (activity.length === 0) continue;
      await deps.mailer.send(`digest:${day}:${reader.userId}`, reader.email, {
        kind: 'organizer_digest',
        name: reader.name,
        day,
        readerTimeZone: reader.timezone,
        events: activity.map((event) => ({
          title: event.title,
          url: eventUrl(event.id),
          joins: event.joins,
          leaves: event.leaves,
          joinedCount: event.joinedCount,
          waitlistCount: event.waitlistCount,
          capacity: event.capacity,
        })),
        unsubscribe: unsubscribeFor(reader.userId, 'digest'),
      });
    }
  });
}
