import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/database';
import { type NotificationRow, notifications } from '../../db/schema';

export type NewNotification = Pick<NotificationRow, 'userId' | 'type' | 'eventId' | 'title' | 'body'> &
  Partial<Pick<NotificationRow, 'changes'>>;

/** Rows per INSERT: seven parameters each, well under the protocol's 65 535. */
const INSERT_BATCH = 5000;

export const notificationsRepository = {
  /** In statements of INSERT_BATCH rows: PostgreSQL binds at most 65 535 parameters in one. */
  async insertMany(tx: Tx, rows: NewNotification[], at: Date): Promise<NotificationRow[]> {
    const inserted: NotificationRow[] = [];
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      const batch = rows.slice(i, i + INSERT_BATCH).map((row) => ({ ...row, createdAt: at }));
      inserted.push(...(await tx.insert(notifications).values(batch).returning()));
    }
    return inserted;
  },
  /** The user's newest notifications first. */
  async listForUser(db: Executor, userId: string, limit: number): Promise<NotificationRow[]> {
    return db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(limit);
  },

  async countUnread(db: Executor, userId: string): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
    return row?.n ?? 0;
  },

  /** Marks the user's unread notifications read: those in `ids`, or all of them. Never another user's. */
  async markRead(tx: Tx, userId: string, ids: string[] | undefined, at: Date): Promise<void> {
    if (ids?.length === 0) return;
    await tx
      .update(notifications)
      .set({ readAt: at })
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ids ? inArray(notifications.id, ids) : undefined));
  },
};
