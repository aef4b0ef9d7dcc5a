import { NOTIFICATION_LIST_LIMIT } from '@turnout/contracts';
import type { Db } from '../../db/database';
import type { RunInTransaction } from '../../db/unit-of-work';
import { notificationsRepository } from './notifications.repository';

export function createNotificationsService(deps: { db: Db; runInTransaction: RunInTransaction; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  return {
    async list(userId: string) {
      const [items, unreadCount] = await Promise.all([
        notificationsRepository.listForUser(deps.db, userId, NOTIFICATION_LIST_LIMIT),
        notificationsRepository.countUnread(deps.db, userId),
      ]);
      return { items, unreadCount };
    },

    /** Marks the viewer's notifications read (the given ones, or all) and answers the unread count left. */
    async markRead(userId: string, ids: string[] | undefined): Promise<number> {
      return deps.runInTransaction(async (tx) => {
        await notificationsRepository.markRead(tx, userId, ids, now());
        return notificationsRepository.countUnread(tx, userId);
      });
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
