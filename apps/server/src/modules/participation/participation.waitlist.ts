import type { Tx } from '../../db/database';
import type { Outbox } from '../../db/unit-of-work';
import { toEveryone, toUser } from '../../realtime/publisher';
import type { EventRecord } from '../events';
import { notices, notify } from '../notifications';
import type { AttendeeLists } from './participation.attendee-lists';
import { participationRepository } from './participation.repository';

/**
 * Seats the first `count` waitlisted joiners (FIFO by seq), notifies each of them and tells them
 * live. Only the rows change here: the caller has already written the event's counts.
 */
export async function promoteWaitlisted(tx: Tx, outbox: Outbox, event: EventRecord, count: number, at: Date): Promise<string[]> {
  if (count <= 0) return [];
  const promoted = await participationRepository.promoteFirstWaitlisted(tx, event.id, count, at);
  outbox.add(...promoted.map((userId) => toUser(userId, 'participation:mine', { eventId: event.id, status: 'promoted' })));
  await notify(
    tx,
    outbox,
    promoted.map((userId) => notices.promoted(userId, event)),
    at,
  );
  return promoted;
}

/** The stored counts and version to everyone and, once committed, both lists to the owner (coalesced per event by `lists`). */
export function announceCounts(outbox: Outbox, lists: AttendeeLists, event: EventRecord): void {
  outbox.add(
    toEveryone('participation:changed', {
      eventId: event.id,
      joinedCount: event.joinedCount,
      waitlistCount: event.waitlistCount,
      version: event.version,
    }),
  );
  outbox.afterCommit(() => lists.changed(event.id));
}

/**
 * After who is joined or waitlisted changed: the counts (`announceCounts`), and the new place to
 * each waitlisted joiner from `positionsMovedFrom` on.
 */
export async function announceParticipation(
  tx: Tx,
  outbox: Outbox,
  lists: AttendeeLists,
  event: EventRecord,
  positionsMovedFrom: number | null,
): Promise<void> {
  announceCounts(outbox, lists, event);
  if (positionsMovedFrom === null) return;
  const moved = await participationRepository.listWaitlistedFrom(tx, event.id, positionsMovedFrom);
  outbox.add(
    ...moved.map((userId, i) =>
      toUser(userId, 'participation:mine', { eventId: event.id, status: 'waitlisted', position: positionsMovedFrom + i }),
    ),
  );
}
