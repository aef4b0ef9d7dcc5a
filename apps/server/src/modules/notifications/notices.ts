import type { Tx } from '../../db/database';
import type { EventRow } from '../../db/schema';
import type { Outbox } from '../../db/unit-of-work';
import { toUser } from '../../realtime/publisher';
import { presentNotification } from './notifications.presenter';
import { type NewNotification, notificationsRepository } from './notifications.repository';

/**
 * Persists notifications in the caller's transaction and queues their live delivery, so a
 * notification exists exactly when the change that caused it was committed.
 */
export async function notify(tx: Tx, outbox: Outbox, drafts: NewNotification[], at: Date): Promise<void> {
  const rows = await notificationsRepository.insertMany(tx, drafts, at);
  outbox.add(...rows.map((row) => toUser(row.userId, 'notification', { notification: presentNotification(row) })));
}

type EventFacts = Pick<EventRow, 'id' | 'title' | 'startsAt' | 'timezone' | 'location'>;

const formatStart = (event: EventFacts) =>
  `${new Intl.DateTimeFormat('en-GB', { timeZone: event.timezone, dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse(event.startsAt))} (${event.timezone})`;

/** The texts users read, one per kind of notice. */
export const notices = {
  promoted: (userId: string, event: EventFacts): NewNotification => ({
    userId,
    type: 'promoted',
    eventId: event.id,
    title: "You're in",
    body: `A seat opened up at ${event.title}: you moved from the waitlist to joined.`,
  }),
  changed: (userId: string, event: EventFacts): NewNotification => ({
    userId,
    type: 'event_changed',
    eventId: event.id,
    title: 'Event changed',
    body: `${event.title} changed: it now starts ${formatStart(event)} at ${event.location}.`,
  }),
  /** The event row is deleted in the same transaction, so the notice keeps no link to it. */
  cancelled: (userId: string, event: EventFacts): NewNotification => ({
    userId,
    type: 'event_cancelled',
    eventId: null,
    title: 'Event cancelled',
    body: `${event.title} was cancelled by the organizer.`,
  }),
};
