import type { NoticeChanges } from '@turnout/contracts';
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
type ChangedFacts = EventFacts & Pick<EventRow, 'endsAt' | 'durationMinutes' | 'locationType' | 'onlineUrl'>;

const clock = (zone: string) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' });

/** The start in the event's zone, and in the reader's when known and different. */
const startFor = (event: EventFacts, readerZone: string | null) => {
  const start = Date.parse(event.startsAt);
  const inEvent = `${clock(event.timezone).format(start)} (${event.timezone})`;
  if (!readerZone || readerZone === event.timezone) return inEvent;
  const inReader = clock(readerZone).format(start);
  return inReader === clock(event.timezone).format(start) ? inEvent : `${inEvent}, ${inReader} your time (${readerZone})`;
};

/** 60 → "1 hour", 1440 → "1 day", 90 → "1 hour 30 minutes". */
export function durationWords(minutes: number): string {
  const units: [number, string][] = [
    [10_080, 'week'],
    [1440, 'day'],
    [60, 'hour'],
    [1, 'minute'],
  ];
  const parts: string[] = [];
  let left = minutes;
  for (const [size, name] of units) {
    const n = Math.floor(left / size);
    if (n > 0 && parts.length < 2) parts.push(`${n} ${name}${n === 1 ? '' : 's'}`);
    left -= n * size;
  }
  return parts.join(' ') || '0 minutes';
}

/** What an edit changed, with the new values: the notice's `changes`, which apps word in the reader's format and zone. */
export function noticeChanges(previous: ChangedFacts, event: ChangedFacts): NoticeChanges {
  const changes: NoticeChanges = { eventTitle: event.title };
  if (previous.startsAt !== event.startsAt) changes.startsAt = event.startsAt;
  if (previous.durationMinutes !== event.durationMinutes) changes.durationMinutes = event.durationMinutes;
  if (changes.startsAt || changes.durationMinutes) changes.endsAt = event.endsAt;
  if (previous.locationType !== event.locationType) changes.locationType = event.locationType;
  if (previous.location !== event.location || changes.locationType) changes.location = event.location;
  if (event.locationType === 'online' && event.onlineUrl !== null && previous.onlineUrl !== event.onlineUrl) changes.joinLinkChanged = true;
  if (previous.title !== event.title) changes.previousTitle = previous.title;
  return changes;
}

/** The notice's text for readers whose app words `changes` itself: in the event's zone, one sentence per change. */
function changedBody(changes: NoticeChanges, timezone: string): string {
  const at = (iso: string) => `${clock(timezone).format(Date.parse(iso))} (${timezone})`;
  const sentences: string[] = [];
  if (changes.startsAt) {
    const length = changes.durationMinutes ? `, for ${durationWords(changes.durationMinutes)}` : '';
    sentences.push(`Time moved to ${at(changes.startsAt)}${length}.`);
  } else if (changes.durationMinutes && changes.endsAt) {
    sentences.push(`Now ${durationWords(changes.durationMinutes)} long, ending ${at(changes.endsAt)}.`);
  }
  if (changes.locationType === 'online') sentences.push(changes.location ? `Now online: ${changes.location}.` : 'Now online.');
  else if (changes.locationType === 'venue')
    sentences.push(changes.location ? `Now in person, at ${changes.location}.` : 'Now in person; the place is to be announced.');
  else if (changes.location !== undefined)
    sentences.push(changes.location ? `Location changed to ${changes.location}.` : 'The location is now to be announced.');
  if (changes.joinLinkChanged) sentences.push('The join link changed.');
  if (changes.previousTitle !== undefined) sentences.push(`Title changed from “${changes.previousTitle}”.`);
  return `${changes.eventTitle}: ${sentences.join(' ')}`;
}

const people = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'person' : 'people'}`;

/** The texts users read, one per kind of notice. */
export const notices = {
  promoted: (userId: string, event: EventFacts): NewNotification => ({
    userId,
    type: 'promoted',
    eventId: event.id,
    title: 'You’re in',
    body: `A seat opened up at ${event.title}: you moved from the waitlist to joined.`,
  }),
  /** What changed, as `changes` for apps to word, and in words in the event's zone for any other reader. */
  changed: (userId: string, previous: ChangedFacts, event: ChangedFacts): NewNotification => {
    const changes = noticeChanges(previous, event);
    return {
      userId,
      type: 'event_changed',
      eventId: event.id,
      title: 'Event changed',
      body: changedBody(changes, event.timezone),
      changes,
    };
  },
  reminder: (userId: string, event: EventFacts, minutesBefore: number, readerZone: string | null): NewNotification => ({
    userId,
    type: 'reminder',
    eventId: event.id,
    title: `Starts in ${durationWords(minutesBefore)}`,
    body: `${event.title} starts ${startFor(event, readerZone)} at ${event.location}.`,
  }),
  announcement: (userId: string, event: EventFacts, authorName: string, body: string): NewNotification => ({
    userId,
    type: 'announcement',
    eventId: event.id,
    title: `${authorName} about ${event.title}`,
    body,
  }),
  /** To the organizer: a burst of joins and leaves, told once. */
  attendanceActivity: (
    userId: string,
    event: EventFacts & { joinedCount: number; capacity: number | null; waitlistCount: number },
    joins: number,
    leaves: number,
  ): NewNotification => {
    const what = [joins > 0 ? `${people(joins)} joined` : null, leaves > 0 ? `${people(leaves)} left` : null].filter(Boolean).join(', ');
    const seats = event.capacity === null ? `${event.joinedCount} going` : `${event.joinedCount} of ${event.capacity} seats taken`;
    const waiting = event.waitlistCount > 0 ? `, ${event.waitlistCount} waiting` : '';
    return {
      userId,
      type: 'attendance_activity',
      eventId: event.id,
      title: `${what.charAt(0).toUpperCase()}${what.slice(1)}`,
      body: `${event.title}: ${what}. ${seats}${waiting}.`,
    };
  },
  /** The event row is deleted in the same transaction, so the notice keeps no link to it. */
  cancelled: (userId: string, event: EventFacts): NewNotification => ({
    userId,
    type: 'event_cancelled',
    eventId: null,
    title: 'Event cancelled',
    body: `${event.title} was cancelled by the organizer.`,
  }),
};
