import { z } from 'zod';

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

export const NotificationSchema = z.object({
  id: z.string().uuid(),
  type: NotificationTypeSchema,
  /** Null once the event it concerns has been deleted. */
  eventId: z.string().uuid().nullable(),
  title: z.string(),
  body: z.string(),
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
