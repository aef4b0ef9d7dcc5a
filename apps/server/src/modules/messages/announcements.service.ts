import {
  ANNOUNCEMENT_LIST_LIMIT,
  ANNOUNCEMENTS_PER_HOUR,
  type AnnouncementAudience,
  type AnnouncementCreate,
  ErrorCode,
} from '@turnout/contracts';
import type { Db } from '../../db/database';
import type { RunInTransaction } from '../../db/unit-of-work';
import { AppError, forbidden, notFound } from '../../http/errors';
import type { JobQueue } from '../../jobs/job-queue';
import type { Viewer } from '../auth';
import { assertCanManage, eventPolicy, eventsRepository } from '../events';
import { notices, notify } from '../notifications';
import { enqueueMail, wantsMail } from './messages.jobs';
import { audiencesOf, messagesRepository } from './messages.repository';

const HOUR = 3_600_000;

export interface AnnouncementsServiceDeps {
  db: Db;
  runInTransaction: RunInTransaction;
  jobs: Pick<JobQueue, 'enqueue'>;
  now?: () => Date;
}

const tooManyAnnouncements = (retryAfterSeconds: number) =>
  new AppError(
    429,
    ErrorCode.rateLimited,
    `An event can send ${ANNOUNCEMENTS_PER_HOUR} announcements an hour. Try again in ${Math.ceil(retryAfterSeconds / 60)} min.`,
    undefined,
    { 'retry-after': String(retryAfterSeconds) },
  );

export function createAnnouncementsService(deps: AnnouncementsServiceDeps) {
  const now = deps.now ?? (() => new Date());
  return {
    /**
     * Posts an announcement: stored, a notification to everyone in its audience (live once
     * committed), and their mail enqueued, in one transaction. The event's row lock makes the
     * hourly limit exact on any number of processes.
     */
    async post(viewer: Viewer, eventId: string, input: AnnouncementCreate) {
      return deps.runInTransaction(async (tx, outbox) => {
        const event = await eventsRepository.lockById(tx, eventId);
        if (!event) throw notFound('Event');
        assertCanManage(viewer, event);
        const at = now();
        const recent = await messagesRepository.announcementTimesSince(tx, eventId, new Date(at.getTime() - HOUR));
        const oldest = recent[0];
        if (recent.length >= ANNOUNCEMENTS_PER_HOUR && oldest) {
          throw tooManyAnnouncements(Math.max(1, Math.ceil((oldest.getTime() + HOUR - at.getTime()) / 1000)));
        }
        const readers = await messagesRepository.audience(tx, eventId, input.audience);
        const announcement = await messagesRepository.insertAnnouncement(tx, {
          eventId,
          authorId: viewer.id,
          body: input.body,
          audience: input.audience,
          recipientCount: readers.length,
          createdAt: at,
        });
        await notify(
          tx,
          outbox,
          readers.map((reader) => notices.announcement(reader.userId, event, viewer.name, input.body)),
          at,
        );
        const mailed = readers.filter((reader) => wantsMail(reader, 'announcements')).map((reader) => reader.userId);
        await enqueueMail(deps.jobs, tx, { kind: 'announcement', announcementId: announcement.id }, mailed);
        return { announcement, authorName: viewer.name };
      });
    },

    /** The organizer reads every announcement; an attendee those addressed to them now; anyone else none (403). */
    async list(viewer: Viewer, eventId: string) {
      const event = await eventsRepository.findById(deps.db, eventId);
      if (!event) throw notFound('Event');
      let audiences: AnnouncementAudience[] | null = null;
      if (!eventPolicy.manage(viewer, event)) {
        const status = await messagesRepository.myStatus(deps.db, eventId, viewer.id);
        if (!status) throw forbidden('Only the organizer and the people on this event can read its updates.');
        audiences = audiencesOf(status);
      }
      return messagesRepository.listAnnouncements(deps.db, eventId, audiences, ANNOUNCEMENT_LIST_LIMIT);
    },
  };
}

export type AnnouncementsService = ReturnType<typeof createAnnouncementsService>;
