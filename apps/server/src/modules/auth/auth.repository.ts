import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database';
import { type SessionRow, sessions, type UserRow, users } from '../../db/schema';

export type NewUser = Pick<UserRow, 'name' | 'role' | 'passwordHash'>;

// Ids per query when checking many sessions at once: well under any engine's parameter limit.
const CHUNK = 500;

export const authRepository = {
  /** Inserts the user, or returns null when the name is taken (case-insensitively). */
  async insertUser(db: Executor, user: NewUser): Promise<UserRow | null> {
    const rows = await db
      .insert(users)
      .values(user)
      // The only unique key a new user can collide on is lower(name).
      .onConflictDoNothing()
      .returning();
    return rows[0] ?? null;
  },

  async findUserByName(db: Executor, name: string): Promise<UserRow | null> {
    const rows = await db.select().from(users).where(sql`lower(${users.name}) = lower(${name})`).limit(1);
    return rows[0] ?? null;
  },

  async insertSession(db: Executor, session: Pick<SessionRow, 'tokenHash' | 'userId' | 'expiresAt'>): Promise<void> {
    await db.insert(sessions).values(session);
  },

  /** The session and its user, if the session exists and has not passed its absolute expiry. */
  async findSession(db: Executor, tokenHash: string, now: Date): Promise<{ session: SessionRow; user: UserRow } | null> {
    const rows = await db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.tokenHash, tokenHash), sql`${sessions.expiresAt} > ${now}`))
      .limit(1);
    return rows[0] ?? null;
  },

  async touchSession(db: Executor, tokenHash: string, now: Date): Promise<void> {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
  },

  /** Deletes the session; answers whose it was, or null when there was none. */
  async deleteSession(db: Executor, tokenHash: string): Promise<string | null> {
    const rows = await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).returning({ userId: sessions.userId });
    return rows[0]?.userId ?? null;
  },

  /** Removes sessions past their absolute expiry or idle for longer than `idleBefore`. */
  async deleteExpiredSessions(db: Executor, now: Date, idleBefore: Date): Promise<string[]> {
    const rows = await db
      .delete(sessions)
      .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleBefore)))
      .returning({ tokenHash: sessions.tokenHash });
    return rows.map((row) => row.tokenHash);
  },

  /** The ids among `ids` that still have a session row. */
  async existingSessionIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await db
        .select({ id: sessions.tokenHash })
        .from(sessions)
        .where(inArray(sessions.tokenHash, ids.slice(i, i + CHUNK)));
      for (const row of rows) found.add(row.id);
    }
    return found;
  },
};
