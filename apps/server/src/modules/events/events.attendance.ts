import type { Tx } from '../../db/database';
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
  participantIds(tx: Tx, eventId: string): Promise<string[]>;
  /** Everyone who left the event and is not on it now, earliest first. */
  departedIds(tx: Tx, eventId: string): Promise<string[]>;
}
