import { hasEnded } from '@turnout/domain';
import type { Executor, Tx } from '../../db/database';
import type { Outbox } from '../../db/unit-of-work';
import type { EventRecord } from './events.repository';

/**
 * What an edit or a deletion needs from the people on an event. Events never reach into
 * participation: the participation module provides this (`createEventAttendance`) and app.ts
 * hands it to the events service.
 */
export interface EventAttendance {
  /**
   * Seats the first `count` waitlisted joiners, first come first served, after an edit freed seats
   * for them (the event's counts are already written), and tells each of them.
   */
  promote(tx: Tx, outbox: Outbox, event: EventRecord, count: number, at: Date): Promise<void>;
  /** After promotions: the counts to everyone, the lists to the owner, and each joiner still waiting their new place. */
  announceMoves(tx: Tx, outbox: Outbox, event: EventRecord): Promise<void>;
  /** Everyone joined or waitlisted, in arrival order. */
  participantIds(db: Executor, eventId: string): Promise<string[]>;
  /** Everyone who left the event and is not on it now, earliest first. */
  departedIds(db: Executor, eventId: string): Promise<string[]>;
}

/**
 * Who is told when `event` is deleted: everyone on it and, as they may have plans around it, the
 * joiners who left; nobody once it has ended (a past event removed from the list was not cancelled).
 * The delete and its confirmation's count both ask here, so the count is who is told.
 */
export async function toldOfCancellation(
  attendance: EventAttendance,
  db: Executor,
  event: Pick<EventRecord, 'id' | 'startsAt' | 'endsAt'>,
  at: Date,
): Promise<string[]> {
  if (hasEnded(event, at)) return [];
  const participants = await attendance.participantIds(db, event.id);
  const departed = await attendance.departedIds(db, event.id);
  return [...new Set([...participants, ...departed])];
}
