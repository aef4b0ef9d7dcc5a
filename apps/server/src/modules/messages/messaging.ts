import type { FastifyBaseLogger } from 'fastify';
import type { Db, Executor } from '../../db/database';
import { loggableError } from '../../http/database-errors';
import type { JobQueue } from '../../jobs/job-queue';
import type { EventChange } from '../../mail';
import type { EventMessages, EventRecord } from '../events';
import type { ParticipationMessages } from '../participation';
import { enqueueMail, MESSAGE_JOBS, snapshotOf } from './messages.jobs';
import { messagesRepository } from './messages.repository';

export interface MessagingDeps {
  db: Db;
  jobs: Pick<JobQueue, 'enqueue'>;
  log: Pick<FastifyBaseLogger, 'warn'>;
  activityWindowMs: number;
  now: () => Date;
}

/** What an edit changed, as its mail says it. */
export function changesBetween(previous: EventRecord, event: EventRecord): EventChange[] {
  const changes: EventChange[] = [];
  if (previous.startsAt !== event.startsAt) changes.push('time');
  if (previous.durationMinutes !== event.durationMinutes) changes.push('duration');
  if (previous.location !== event.location || previous.locationType !== event.locationType) changes.push('place');
  // A venue has no join link: moving to one drops it, which the new place already says.
  if (event.locationType === 'online' && previous.onlineUrl !== event.onlineUrl) changes.push('link');
  if (previous.title !== event.title) changes.push('title');
  if (previous.description !== event.description) changes.push('description');
  return changes;
}

/** The key of one reminder of one start: a moved start is a new key, so its reminders are new jobs. */
export const reminderKey = (eventId: string, minutesBefore: number, startsAt: string) => `${eventId}:${minutesBefore}:${startsAt}`;

/**
 * Messaging as the events and participation modules reach it (their seams EventMessages and
 * ParticipationMessages): reminders scheduled, change mail enqueued, attendance activity gathered
 * for the organizer's grouped notices.
 */
export function createMessaging(deps: MessagingDeps): { events: EventMessages; participation: ParticipationMessages } {
  // When this process last enqueued each event's activity run: while that run waits (it starts a
  // window after), the joins committed meanwhile are counted on the row and told by it, so a rush
  // of joins enqueues once per window, not once per join. The queue's key backs this across processes.
  const waiting = new Map<string, number>();
  const margin = Math.min(1000, deps.activityWindowMs / 2);

  /** Enqueues the event's activity run a window from now; answers when, or null when a run already waits (its time unknown here). */
  const scheduleActivity = async (executor: Executor, eventId: string): Promise<number | null> => {
    const at = deps.now().getTime();
    const id = await deps.jobs.enqueue(
      executor,
      MESSAGE_JOBS.activity,
      { eventId },
      { singletonKey: eventId, startAfter: new Date(at + deps.activityWindowMs) },
    );
    return id === null ? null : at;
  };

  return {
    events: {
      async scheduleReminders(tx, event, at) {
        for (const minutesBefore of event.reminders) {
          const due = Date.parse(event.startsAt) - minutesBefore * 60_000;
          // A reminder whose time has passed is not sent late: "starts in 1 day" an hour before would be wrong.
          if (due <= at.getTime()) continue;
          await deps.jobs.enqueue(
            tx,
            MESSAGE_JOBS.reminder,
            { eventId: event.id, minutesBefore, startsAt: event.startsAt },
            { startAfter: new Date(due), singletonKey: reminderKey(event.id, minutesBefore, event.startsAt) },
          );
        }
      },
      async changed(tx, previous, event, recipientIds) {
        const changes = changesBetween(previous, event);
        if (changes.length === 0) return;
        await enqueueMail(deps.jobs, tx, { kind: 'changed', eventId: event.id, previous: snapshotOf(previous), changes }, recipientIds);
      },
      async cancelled(tx, event, recipientIds) {
        await enqueueMail(deps.jobs, tx, { kind: 'cancelled', event: snapshotOf(event) }, recipientIds);
      },
    },
    participation: {
      joined(event) {
        const last = waiting.get(event.id);
        if (last !== undefined && deps.now().getTime() - last < deps.activityWindowMs - margin) return;
        scheduleActivity(deps.db, event.id).then(
          (at) => {
            // Only a run this process just enqueued is known to wait a whole window from now.
            if (at === null) return;
            waiting.set(event.id, at);
            // Forgotten once its run has started: the map holds only events with a run waiting.
            setTimeout(() => waiting.delete(event.id), deps.activityWindowMs).unref();
          },
          // The join stands; the periodic sweep enqueues the run this one failed to.
          (error: unknown) =>
            deps.log.warn({ eventId: event.id, err: loggableError(error) }, 'messages: could not schedule attendance activity'),
        );
      },
      async promoted(tx, event) {
        await scheduleActivity(tx, event.id);
      },
      async left(tx, event) {
        await messagesRepository.countActivity(tx, event.id, { leaves: 1 });
        await scheduleActivity(tx, event.id);
      },
    },
  };
}
