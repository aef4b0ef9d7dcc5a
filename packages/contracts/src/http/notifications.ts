import { z } from 'zod';
import { LocationTypeSchema } from './events';

export const NotificationTypeSchema = z.enum([
  'promoted',
  'event_changed',
  'event_cancelled',
  /** An event the reader joined starts soon. */
  'reminder',
  /** The organizer of an event the reader is on posted an announcement. */
  'announcement',
  /** For an organizer: people joined or left one of their events (grouped per burst). */
  'attendance_activity',
]);
export type NotificationType = z.infer<typeof NotificationTypeSchema>;

/**
 * What an edit changed, for an `event_changed` notice: the new values, so that each reader's app
 * words them in its own format and zone. Only what changed is present.
 */
export const NoticeChangesSchema = z.object({
  /** The event's title when it was changed (the new one, if that changed too). */
  eventTitle: z.string(),
  /** The new start (ISO 8601), when the start moved. */
  startsAt: z.string().optional(),
  /** The new end (ISO 8601), when the start or the length changed. */
  endsAt: z.string().optional(),
  /** The new length, when it changed. */
  durationMinutes: z.number().int().optional(),
  /** Venue or online, when that changed. */
  locationType: LocationTypeSchema.optional(),
  /** The new place or online label (empty: to be announced), when it changed. */
  location: z.string().optional(),
  /** True when an online event's join link was set or replaced (the link itself is on the event page, for joined people only). */
  joinLinkChanged: z.boolean().optional(),
  /** The title it had before, when the title changed. */
  previousTitle: z.string().optional(),
});
export type NoticeChanges = z.infer<typeof NoticeChangesSchema>;

export const NotificationSchema = z.object({
  id: z.string().uuid(),
  type: NotificationTypeSchema,
  /** Null once the event it concerns has been deleted. */
  eventId: z.string().uuid().nullable(),
  title: z.string(),
  body: z.string(),
  /** What changed, on `event_changed` notices; null on other kinds and on notices stored before it was kept (`body` says it). */
  changes: NoticeChangesSchema.nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationListResponseSchema = z.object({
  items: z.array(NotificationSchema),
  unreadCount: z.number().int(),
});
export type NotificationListResponse = z.infer<typeof NotificationListResponseSchema>;

/** Without `ids`, every notification of the user is marked read. */
export const NotificationReadBodySchema = z.object({
  ids: z.array(z.string().uuid()).max(100).optional(),
});
export type NotificationReadBody = z.infer<typeof NotificationReadBodySchema>;

export const NotificationReadResponseSchema = z.object({ unreadCount: z.number().int() });
export type NotificationReadResponse = z.infer<typeof NotificationReadResponseSchema>;
