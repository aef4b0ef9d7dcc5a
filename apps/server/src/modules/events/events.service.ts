import {
  ErrorCode,
  EVENT_ENDS_TOO_LATE,
  type EventCreate,
  type EventListQuery,
  type EventUpdate,
  endsInStorableYears,
} from '@turnout/contracts';
import { afterCapacityChange, capacityAllows, endsAtFor, hasEnded } from '@turnout/domain';
import type { Db } from '../../db/database';
import type { RunInTransaction } from '../../db/unit-of-work';
import { badRequest, conflict, notFound } from '../../http/errors';
import { toEveryone, toUser } from '../../realtime/publisher';
import type { Viewer } from '../auth';
import { notices, notify } from '../notifications';
import { type EventAttendance, toldOfCancellation } from './events.attendance';
import { decodeCursor, encodeCursor } from './events.cursor';
import type { EventMessages } from './events.messages';
import { assertCanManage } from './events.policy';
import { presentEvent } from './events.presenter';
import { type EventChanges, type EventRecord, type EventWithMine, eventsRepository, noCover, recordFrom } from './events.repository';

export interface EventsServiceDeps {
  db: Db;
  runInTransaction: RunInTransaction;
  attendance: EventAttendance;
  messages: EventMessages;
  now?: () => Date;
}

const startMustBeFuture = () => badRequest('Some fields are invalid.', { startsAt: ['The start must be in the future'] });

/** The fields of `input` that differ from the stored event, with endsAt recomputed when the time moves. */
function changesFrom(event: EventRecord, input: EventUpdate): EventChanges {
  const changes: EventChanges = {};
  if (input.title !== undefined && input.title !== event.title) changes.title = input.title;
  if (input.description !== undefined && input.description !== event.description) changes.description = input.description;
  if (input.location !== undefined && input.location !== event.location) changes.location = input.location;
  if (input.locationType !== undefined && input.locationType !== event.locationType) changes.locationType = input.locationType;
  // A place has no join link: switching an event to a venue drops it.
  const onlineUrl =
    (changes.locationType ?? event.locationType) === 'venue' ? null : input.onlineUrl !== undefined ? input.onlineUrl : event.onlineUrl;
  if (input.onlineUrl !== undefined || changes.locationType) {
    if (onlineUrl !== event.onlineUrl) changes.onlineUrl = onlineUrl;
  }
  if (input.attendeesVisible !== undefined && input.attendeesVisible !== event.attendeesVisible)
    changes.attendeesVisible = input.attendeesVisible;
  if (input.timezone !== undefined && input.timezone !== event.timezone) changes.timezone = input.timezone;
  if (input.capacity !== undefined && input.capacity !== event.capacity) changes.capacity = input.capacity;
  if (input.reminders !== undefined && input.reminders.join() !== event.reminders.join()) changes.reminders = input.reminders;
  // Both in the stored form (ISO 8601, UTC, milliseconds): equal text is the same instant.
  const startsAt = input.startsAt === undefined ? event.startsAt : new Date(input.startsAt).toISOString();
  if (startsAt !== event.startsAt) changes.startsAt = startsAt;
  if (input.durationMinutes !== undefined && input.durationMinutes !== event.durationMinutes)
    changes.durationMinutes = input.durationMinutes;
  if (changes.startsAt || changes.durationMinutes)
    changes.endsAt = endsAtFor(new Date(startsAt), changes.durationMinutes ?? event.durationMinutes).toISOString();
  return changes;
}

export function createEventsService(deps: EventsServiceDeps) {
  const now = deps.now ?? (() => new Date());

  return {
    async create(viewer: Viewer, input: EventCreate): Promise<EventRecord> {
      const startsAt = new Date(input.startsAt);
      if (startsAt.getTime() <= now().getTime()) throw startMustBeFuture();
      return deps.runInTransaction(async (tx, outbox) => {
        const row = await eventsRepository.insert(tx, {
          organizerId: viewer.id,
          title: input.title,
          description: input.description,
          locationType: input.locationType,
          location: input.location,
          onlineUrl: input.locationType === 'online' ? input.onlineUrl : null,
          attendeesVisible: input.attendeesVisible,
          startsAt: startsAt.toISOString(),
          endsAt: endsAtFor(startsAt, input.durationMinutes).toISOString(),
          timezone: input.timezone,
          durationMinutes: input.durationMinutes,
          capacity: input.capacity,
          reminders: input.reminders,
        });
        const event = { ...row, organizerName: viewer.name, ...noCover };
        await deps.messages.scheduleReminders(tx, event, now());
        outbox.add(toEveryone('event:created', { event: presentEvent(event) }));
        return event;
      });
    },

    async get(viewer: Viewer, id: string): Promise<EventWithMine> {
      const found = await eventsRepository.findWithMine(deps.db, id, viewer.id);
      if (!found) throw notFound('Event');
      return found;
    },

    async list(viewer: Viewer, query: EventListQuery): Promise<{ items: EventWithMine[]; nextCursor: string | null }> {
      const after = query.cursor ? decodeCursor(query.cursor) : undefined;
      const rows = await eventsRepository.list(deps.db, {
        viewerId: viewer.id,
        now: now(),
        when: query.when,
        search: query.q || undefined,
        mine: query.mine,
        joined: query.joined,
        after,
        limit: query.limit + 1,
      });
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      const nextCursor = rows.length > query.limit && last ? encodeCursor(last.event) : null;
      return { items, nextCursor };
    },

    /**
     * Applies an edit based on `input.version`. Raising capacity seats waitlisted joiners at once;
     * moving the time or place notifies everyone joined or waitlisted.
     */
    async update(viewer: Viewer, id: string, input: EventUpdate): Promise<EventRecord> {
      return deps.runInTransaction(async (tx, outbox) => {
        const event = await eventsRepository.lockById(tx, id);
        if (!event) throw notFound('Event');
        assertCanManage(viewer, event);
        const at = now();
        if (hasEnded(event, at)) throw conflict(ErrorCode.eventEnded, 'This event has ended and can no longer be edited.');
        if (input.version !== event.version) {
          throw conflict(ErrorCode.staleVersion, 'This event was changed since you loaded it. Reload it and try again.', {
            currentVersion: event.version,
          });
        }
        const changes = changesFrom(event, input);
        if (changes.startsAt && Date.parse(changes.startsAt) <= at.getTime()) throw startMustBeFuture();
        if (!endsInStorableYears(changes.startsAt ?? event.startsAt, changes.durationMinutes ?? event.durationMinutes)) {
          throw badRequest('Some fields are invalid.', { durationMinutes: [EVENT_ENDS_TOO_LATE] });
        }
        if (changes.capacity !== undefined && !capacityAllows(event, changes.capacity)) {
          const joined = event.joinedCount;
          throw conflict(
            ErrorCode.capacityBelowJoined,
            `${joined} ${joined === 1 ? 'person has' : 'people have'} already joined: capacity cannot be lower than ${joined}.`,
            { joinedCount: joined, fields: { capacity: [`Must be at least ${joined}`] } },
          );
        }
        if (Object.keys(changes).length === 0) return event;

        const seating = afterCapacityChange(event, changes.capacity === undefined ? event.capacity : changes.capacity);
        const counts = {
          joined: seating.seats.joinedCount - event.joinedCount,
          waitlisted: seating.seats.waitlistCount - event.waitlistCount,
        };
        const row = await eventsRepository.update(tx, id, changes, counts, at);
        const updated = recordFrom(row, event);
        await deps.attendance.promote(tx, outbox, updated, seating.promoted, at);
        // A moved start, or new reminder times: reminders of the old ones find the event changed and send nothing.
        if (changes.startsAt || changes.reminders) await deps.messages.scheduleReminders(tx, updated, at);
        if (
          changes.startsAt ||
          changes.durationMinutes ||
          changes.location !== undefined ||
          changes.locationType ||
          changes.onlineUrl !== undefined
        ) {
          const participants = await deps.attendance.participantIds(tx, id);
          await notify(
            tx,
            outbox,
            participants.map((userId) => notices.changed(userId, event, updated)),
            at,
          );
          await deps.messages.changed(tx, event, updated, participants);
        }
        outbox.add(toEveryone('event:updated', { event: presentEvent(updated) }));
        if (seating.promoted > 0) await deps.attendance.announceMoves(tx, outbox, updated);
        return updated;
      });
    },

    /** For the organizer's confirmation: how many people deleting the event would tell it was cancelled. */
    async deletionPreview(viewer: Viewer, id: string): Promise<{ notifiedCount: number }> {
      const event = await eventsRepository.findById(deps.db, id);
      if (!event) throw notFound('Event');
      assertCanManage(viewer, event);
      return { notifiedCount: (await toldOfCancellation(deps.attendance, deps.db, event, now())).length };
    },

    /** Deletes the event with its participations; everyone who is or was in it is told it was cancelled. */
    async remove(viewer: Viewer, id: string): Promise<void> {
      await deps.runInTransaction(async (tx, outbox) => {
        const event = await eventsRepository.lockById(tx, id);
        if (!event) throw notFound('Event');
        assertCanManage(viewer, event);
        const at = now();
        const participants = await deps.attendance.participantIds(tx, id);
        const told = await toldOfCancellation(deps.attendance, tx, event, at);
        await eventsRepository.remove(tx, id);
        if (told.length > 0) {
          await notify(
            tx,
            outbox,
            told.map((userId) => notices.cancelled(userId, event)),
            at,
          );
          await deps.messages.cancelled(tx, event, told);
        }
        outbox.add(
          toEveryone('event:deleted', { eventId: id }),
          ...participants.map((userId) => toUser(userId, 'participation:mine', { eventId: id, status: 'removed' })),
        );
      });
    },
  };
}

export type EventsService = ReturnType<typeof createEventsService>;
