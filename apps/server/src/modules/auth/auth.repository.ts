import { and, desc, eq, inArray, isNotNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database';
import { images, type SessionRow, sessions, type UserRow, users, userTotp } from '../../db/schema';
import { uniqueViolation } from '../../http/database-errors';

export type NewUser = Pick<UserRow, 'name' | 'role' | 'passwordHash' | 'email'>;

/** What only the account's owner sees about it. */
export interface AccountState {
  email: string | null;
  emailVerified: boolean;
  totpEnabled: boolean;
  /** Their uploaded avatar's image id, or null. */
  avatarId: string | null;
}

/** Which unique key a write collided with. */
export type UserConflict = 'name' | 'email';

const conflictOf = (error: unknown): UserConflict | null => {
  const constraint = uniqueViolation(error);
  if (constraint === 'users_name_lower_key') return 'name';
  if (constraint === 'users_email_lower_key') return 'email';
  return null;
};

// Ids per query when checking many sessions at once: well under any engine's parameter limit.
const CHUNK = 500;

export const authRepository = {
  /** Inserts the user, or names the key (name or email, case-insensitive) that is taken. */
  async insertUser(db: Executor, user: NewUser): Promise<{ user: UserRow } | { conflict: UserConflict }> {
    try {
      const rows = await db.insert(users).values(user).returning();
      const inserted = rows[0];
      if (!inserted) throw new Error('insert returned no row');
      return { user: inserted };
    } catch (error) {
      const conflict = conflictOf(error);
      if (conflict) return { conflict };
      throw error;
    }
  },

  async findUserById(db: Executor, id: string): Promise<UserRow | null> {
    const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
    return rows[0] ?? null;
  },

  /** The user whose verified address is `email` (case-insensitive). */
  async findUserByVerifiedEmail(db: Executor, email: string): Promise<UserRow | null> {
    const rows = await db
      .select()
      .from(users)
      .where(and(sql`lower(${users.email}) = lower(${email})`, isNotNull(users.emailVerifiedAt)))
      .limit(1);
    return rows[0] ?? null;
  },

  async account(db: Executor, userId: string): Promise<AccountState | null> {
    const rows = await db
      .select({ email: users.email, verifiedAt: users.emailVerifiedAt, totpEnabledAt: userTotp.enabledAt, avatarId: images.id })
      .from(users)
      .leftJoin(userTotp, eq(userTotp.userId, users.id))
      .leftJoin(images, eq(images.userId, users.id))
      .where(eq(users.id, userId))
      .limit(1);
    const row = rows[0];
    return row
      ? { email: row.email, emailVerified: row.verifiedAt !== null, totpEnabled: row.totpEnabledAt != null, avatarId: row.avatarId }
      : null;
  },

  async setPasswordHash(db: Executor, userId: string, passwordHash: string): Promise<void> {
    await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
  },

  /** Sets a new, unverified address; false when another account has it. */
  async setEmail(db: Executor, userId: string, email: string): Promise<boolean> {
    try {
      await db.update(users).set({ email, emailVerifiedAt: null }).where(eq(users.id, userId));
      return true;
    } catch (error) {
      if (conflictOf(error) === 'email') return false;
      throw error;
    }
  },

  /** Marks the address verified if it is still the user's; false when the user has another one now. */
  async verifyEmail(db: Executor, userId: string, email: string, at: Date): Promise<boolean> {
    const rows = await db
      .update(users)
      .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${at})` })
      .where(and(eq(users.id, userId), sql`lower(${users.email}) = lower(${email})`))
      .returning({ id: users.id });
    return rows.length > 0;
  },

  async findUserByName(db: Executor, name: string): Promise<UserRow | null> {
    const rows = await db.select().from(users).where(sql`lower(${users.name}) = lower(${name})`).limit(1);
    return rows[0] ?? null;
  },

  async insertSession(db: Executor, session: Pick<SessionRow, 'tokenHash' | 'userId' | 'expiresAt' | 'userAgent'>): Promise<void> {
    await db.insert(sessions).values(session);
  },

  /** The user's live sessions (before their absolute expiry, seen since `idleBefore`), most recently seen first. */
  async listSessions(db: Executor, userId: string, now: Date, idleBefore: Date): Promise<SessionRow[]> {
    return db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, userId), sql`${sessions.expiresAt} > ${now}`, sql`${sessions.lastSeenAt} >= ${idleBefore}`))
      .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt));
  },

  /** Deletes the user's session with public id `id`; answers its token hash, or null when the user has none such. */
  async deleteOwnSession(db: Executor, userId: string, id: string): Promise<string | null> {
    const rows = await db
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), eq(sessions.id, id)))
      .returning({ tokenHash: sessions.tokenHash });
    return rows[0]?.tokenHash ?? null;
  },

  /** Deletes every session of the user but `except` (a token hash); answers the deleted ones' token hashes. */
  async deleteUserSessions(db: Executor, userId: string, except?: string): Promise<string[]> {
    const rows = await db
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), except === undefined ? undefined : ne(sessions.tokenHash, except)))
      .returning({ tokenHash: sessions.tokenHash });
    return rows.map((row) => row.tokenHash);
  },

  /** The session, its user and their account, if the session exists and has not passed its absolute expiry. */
  async findSession(
    db: Executor,
    tokenHash: string,
    now: Date,
  ): Promise<{ session: SessionRow; user: UserRow; account: AccountState } | null> {
    const rows = await db
      .select({ session: sessions, user: users, totpEnabledAt: userTotp.enabledAt, avatarId: images.id })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .leftJoin(userTotp, eq(userTotp.userId, users.id))
      .leftJoin(images, eq(images.userId, users.id))
      .where(and(eq(sessions.tokenHash, tokenHash), sql`${sessions.expiresAt} > ${now}`))
      .limit(1);
    const row = rows[0];
    if (!row) return null;
    const account = {
      email: row.user.email,
      emailVerified: row.user.emailVerifiedAt !== null,
      totpEnabled: row.totpEnabledAt != null,
      avatarId: row.avatarId,
    };
    return { session: row.session, user: row.user, account };
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
