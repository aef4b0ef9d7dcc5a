import type { Notification, NotificationType } from '@turnout/contracts';
import type { ReactNode } from 'react';
import { CalendarIcon, CheckIcon, ClockIcon, CloseIcon, MegaphoneIcon, UsersIcon } from '../../../components/ui/icons';
import { browserTimeZone } from '../../../lib/zoned-time';
import { eventChangeText } from './event-change-text';

/** How each kind of notification is named and drawn in the list (a Record, so a new type must be added here). */
export const NOTIFICATION_KINDS: Record<NotificationType, { label: string; icon: ReactNode }> = {
  promoted: { label: 'You got a seat', icon: <CheckIcon /> },
  event_changed: { label: 'Event changed', icon: <CalendarIcon /> },
  event_cancelled: { label: 'Event cancelled', icon: <CloseIcon /> },
  reminder: { label: 'Reminder', icon: <ClockIcon /> },
  announcement: { label: 'Update from the organizer', icon: <MegaphoneIcon /> },
  attendance_activity: { label: 'Who joined or left', icon: <UsersIcon /> },
};

/** At most this many characters of a body in a toast; the bell's list has the rest. */
const TOAST_BODY_MAX = 160;

/** The first line of a text, shortened with an ellipsis past `max` characters. */
export function firstLine(text: string, max = TOAST_BODY_MAX): string {
  const line = text.trim().split(/\r?\n/, 1)[0]?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

/**
 * What a notification says to this reader: an edit's notice is worded from what changed, in the
 * reader's zone and the app's date format; a notice stored before that was kept (no `changes`)
 * reads as it was written.
 */
export function notificationText(notification: Notification, zone = browserTimeZone()): { title: string; body: string } {
  const body = notification.changes ? eventChangeText(notification.changes, zone) : notification.body;
  return { title: notification.title, body };
}

/** What a live notification's toast says: an announcement shows its first line only. */
export function notificationToast(notification: Notification, zone = browserTimeZone()): { title: string; body: string } {
  const text = notificationText(notification, zone);
  return notification.type === 'announcement' ? { ...text, body: firstLine(text.body) } : text;
}
