import type { Notification } from '@turnout/contracts';
import type { NotificationRow } from '../../db/schema';

export const presentNotification = (row: NotificationRow): Notification => ({
  id: row.id,
  type: row.type,
  eventId: row.eventId,
  title: row.title,
  body: row.body,
  changes: row.changes ?? null,
  createdAt: row.createdAt.toISOString(),
  readAt: row.readAt ? row.readAt.toISOString() : null,
});
