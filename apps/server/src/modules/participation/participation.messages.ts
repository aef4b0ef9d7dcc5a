import type { Tx } from '../../db/database';
import type { EventRecord } from '../events';

/**
 * What participation asks of messaging: confirmations to attendees and grouped notices to the
 * organizer. The messages module provides it and app.ts hands it over.
 */
export interface ParticipationMessages {
  /**
   * After a join statement committed (it is one statement, with no transaction to enqueue in; the
   * statement marked the confirmation and counted the join): schedules the event's next activity
   * run, which tells the organizer and sends confirmations. Never throws.
   */
  joined(event: EventRecord): void;
  /** Waitlisted joiners were seated in `tx` (their confirmations are marked): schedules the activity run that sends them. */
  promoted(tx: Tx, event: EventRecord): Promise<void>;
  /** A leave in `tx`: counted for the organizer's next grouped notice. */
  left(tx: Tx, event: EventRecord): Promise<void>;
}
