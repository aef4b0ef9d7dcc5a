import { eq, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/database';
import { type EventRow, events, type ImageRow, images, users } from '../../db/schema';

/** Whose image it is: an event's cover or a user's avatar (one of each at most). */
export type ImageOwner = { eventId: string } | { userId: string };
export type NewImage = Pick<ImageRow, 'contentType' | 'bytes' | 'width' | 'height' | 'color'>;
/** An image as pages describe it, without its bytes. */
export type StoredImage = Pick<ImageRow, 'id' | 'width' | 'height' | 'color'>;
export type ImageFile = Pick<ImageRow, 'id' | 'contentType' | 'bytes'>;

const ownedBy = (owner: ImageOwner) => ('eventId' in owner ? eq(images.eventId, owner.eventId) : eq(images.userId, owner.userId));

export const imagesRepository = {
  async findFile(db: Executor, id: string): Promise<ImageFile | null> {
    const [row] = await db
      .select({ id: images.id, contentType: images.contentType, bytes: images.bytes })
      .from(images)
      .where(eq(images.id, id));
    return row ?? null;
  },

  async insert(tx: Tx, owner: ImageOwner, image: NewImage): Promise<StoredImage> {
    const [row] = await tx
      .insert(images)
      .values({ ...owner, ...image })
      .returning({ id: images.id, width: images.width, height: images.height, color: images.color });
    if (!row) throw new Error('insert returned no image');
    return row;
  },

  /** Deletes the owner's image; answers whether there was one. */
  async remove(tx: Tx, owner: ImageOwner): Promise<boolean> {
    const removed = await tx.delete(images).where(ownedBy(owner)).returning({ id: images.id });
    return removed.length > 0;
  },

  /** Locks the user's row until the transaction ends, so that two uploads of one user take turns; false when the user is gone. */
  async lockUser(tx: Tx, userId: string): Promise<boolean> {
    const rows = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
    return rows.length > 0;
  },

  /**
   * A new or removed cover is a change of the event (locked by the caller): its version moves, so
   * clients that drop older versions take the broadcast (apps/web/src/lib/event-cache.ts).
   */
  async touchEvent(tx: Tx, eventId: string, at: Date): Promise<EventRow> {
    const [row] = await tx
      .update(events)
      .set({ version: sql`${events.version} + 1`, updatedAt: at.toISOString() })
      .where(eq(events.id, eventId))
      .returning();
    if (!row) throw new Error(`event ${eventId} vanished while locked`);
    return row;
  },
};
