import type { Tx } from '../../db/database';
import type { EventRecord } from './events.repository';

/**
 * What the events service asks of messaging (reminders and mail): the messages module provides it
 * and app.ts hands it over, so events never import messages. Everything here runs on the caller's
 * transaction and so happens exactly when the change commits.
 */
export interface EventMessages {
  /** Schedules the event's reminders, after it was created or its start or reminders changed. */
  scheduleReminders(tx: Tx, event: EventRecord, at: Date): Promise<void>;
  /** Mails the people on the event what an edit changed. */
  changed(tx: Tx, previous: EventRecord, event: EventRecord, recipientIds: readonly string[]): Promise<void>;
  /** Mails the people who are or were on a cancelled event (its row is deleted in `tx`). */
  cancelled(tx: Tx, event: EventRecord, recipientIds: readonly string[]): Promise<void>;
}
