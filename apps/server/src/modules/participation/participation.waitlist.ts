import type { Tx } from '../../db/database';
import { toEveryone, toUser } from '../../realtime/publisher';
import type { Outbox } from '../../realtime/unit-of-work';
import type { EventRecord } from '../events/events.repository';
import { notices, sendNotifications } from '../notifications/notifications.service';
import { presentAttendees } from './participation.presenter';
import { participationRepository } from './participation.repository';

/**
 * Seats the first `count` waitlisted joiners (FIFO by seq), notifies each of them and tells them
 * live. Only the rows change here: the caller has already written the event's counts.
 */
export async function promoteWaitlisted(tx: Tx, outbox: Outbox, event: EventRecord, count: number, at: Date): Promise<string[]> {
  if (count <= 0) return [];
  const promoted = await participationRepository.promoteFirstWaitlisted(tx, event.id, count, at);
  outbox.add(...promoted.map((userId) => toUser(userId, 'participation:mine', { eventId: event.id, status: 'promoted' })));
  await sendNotifications(
    tx,
    outbox,
    promoted.map((userId) => notices.promoted(userId, event)),
    at,
  );
  return promoted;
}

/**
 * After who is joined or waitlisted changed: the stored counts and version to everyone, both lists
 * to the owner, and the new place to each waitlisted joiner from `positionsMovedFrom` on.
 */
export async function announceParticipation(tx: Tx, outbox: Outbox, event: EventRecord, positionsMovedFrom: number | null): Promise<void> {
  const attendees = presentAttendees(await participationRepository.listAttendees(tx, event.id));
  outbox.add(
    toEveryone('participation:changed', {
      eventId: event.id,
      joinedCount: event.joinedCount,
      waitlistCount: event.waitlistCount,
      version: event.version,
    }),
    toUser(event.organizerId, 'attendees:changed', { eventId: event.id, ...attendees }),
  );
  if (positionsMovedFrom === null) return;
  for (const waiting of attendees.waitlisted.slice(positionsMovedFrom - 1)) {
    outbox.add(toUser(waiting.userId, 'participation:mine', { eventId: event.id, status: 'waitlisted', position: waiting.position }));
  }
}
