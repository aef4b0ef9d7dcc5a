import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database';
import { type AccountTokenRow, accountTokens, recoveryCodes, users, userTotp } from '../../db/schema';

export type TokenPurpose = AccountTokenRow['purpose'];

/** The SQL of mailed tokens and two-factor sign-in. */
export const accountRepository = {
  /** Stores a job's token; a retried job replaces the token it stored before, so its one mail holds the one live link. */
  async putToken(db: Executor, token: Pick<AccountTokenRow, 'tokenHash' | 'userId' | 'purpose' | 'email' | 'jobId' | 'expiresAt'>) {
    await db
      .insert(accountTokens)
      .values(token)
      .onConflictDoUpdate({
        target: accountTokens.jobId,
        set: { tokenHash: token.tokenHash, email: token.email, expiresAt: token.expiresAt, usedAt: null },
      });
  },

  /** Retires the user's unused tokens of `purpose` but the one `keepJobId` made. */
  async retireTokens(db: Executor, userId: string, purpose: TokenPurpose, at: Date, keepJobId?: string) {
    await db
      .update(accountTokens)
      .set({ usedAt: at })
      .where(
        and(
          eq(accountTokens.userId, userId),
          eq(accountTokens.purpose, purpose),
          isNull(accountTokens.usedAt),
          keepJobId === undefined ? undefined : sql`${accountTokens.jobId} <> ${keepJobId}`,
        ),
      );
  },

  /** The live token's user, name and address, without using it up. */
  async findLiveToken(db: Executor, tokenHash: string, purpose: TokenPurpose, at: Date) {
    const rows = await db
      .select({ userId: accountTokens.userId, email: accountTokens.email, name: users.name, userEmail: users.email })
      .from(accountTokens)
      .innerJoin(users, eq(users.id, accountTokens.userId))
      .where(liveToken(tokenHash, purpose, at))
      .limit(1);
    return rows[0] ?? null;
  },

  /** Uses the token up, once: of two racing requests one gets it, the other null. */
  async consumeToken(db: Executor, tokenHash: string, purpose: TokenPurpose, at: Date) {
    const rows = await db
      .update(accountTokens)
      .set({ usedAt: at })
      .where(liveToken(tokenHash, purpose, at))
      .returning({ userId: accountTokens.userId, email: accountTokens.email });
    return rows[0] ?? null;
  },

  async findTotp(db: Executor, userId: string) {
    const rows = await db.select().from(userTotp).where(eq(userTotp.userId, userId)).limit(1);
    return rows[0] ?? null;
  },

  /** Stores a pending (not yet enabled) secret, replacing a pending one; false when two-factor is already on. */
  async putPendingTotp(db: Executor, userId: string, secretCiphertext: string): Promise<boolean> {
    const rows = await db
      .insert(userTotp)
      .values({ userId, secretCiphertext })
      .onConflictDoUpdate({
        target: userTotp.userId,
        set: { secretCiphertext, lastUsedStep: null, createdAt: sql`now()` },
        setWhere: isNull(userTotp.enabledAt),
      })
      .returning({ userId: userTotp.userId });
    return rows.length > 0;
  },

  /** Turns the pending secret on, its confirming step spent; false when it is not pending any more. */
  async enableTotp(db: Executor, userId: string, step: number, at: Date): Promise<boolean> {
    const rows = await db
      .update(userTotp)
      .set({ enabledAt: at, lastUsedStep: step })
      .where(and(eq(userTotp.userId, userId), isNull(userTotp.enabledAt)))
      .returning({ userId: userTotp.userId });
    return rows.length > 0;
  },

  /** Spends `step`: false when it (or a later one) was already accepted, so each code signs in once. */
  async spendTotpStep(db: Executor, userId: string, step: number): Promise<boolean> {
    const rows = await db
      .update(userTotp)
      .set({ lastUsedStep: step })
      .where(
        and(
          eq(userTotp.userId, userId),
          sql`${userTotp.enabledAt} is not null`,
          sql`(${userTotp.lastUsedStep} is null or ${userTotp.lastUsedStep} < ${step})`,
        ),
      )
      .returning({ userId: userTotp.userId });
    return rows.length > 0;
  },

  /** Turns two-factor off: the secret and the recovery codes go. */
  async deleteTotp(db: Executor, userId: string): Promise<void> {
    await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await db.delete(userTotp).where(eq(userTotp.userId, userId));
  },

  async replaceRecoveryCodes(db: Executor, userId: string, codeHashes: readonly string[]): Promise<void> {
    await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await db.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
  },

  /** Uses a recovery code up, once; false when it is unknown or used. */
  async spendRecoveryCode(db: Executor, userId: string, codeHash: string, at: Date): Promise<boolean> {
    const rows = await db
      .update(recoveryCodes)
      .set({ usedAt: at })
      .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
      .returning({ userId: recoveryCodes.userId });
    return rows.length > 0;
  },
};

const liveToken = (tokenHash: string, purpose: TokenPurpose, at: Date) =>
  and(
    eq(accountTokens.tokenHash, tokenHash),
    eq(accountTokens.purpose, purpose),
    isNull(accountTokens.usedAt),
    sql`${accountTokens.expiresAt} > ${at}`,
  );
