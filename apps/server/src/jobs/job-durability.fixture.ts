import { randomBytes, randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { Db } from '../db/database';
import { accountTokens, mails, users } from '../db/schema';
import { JOBS_SCHEMA } from './pg-boss-queue';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What `jobs.cleanup` must delete (`expired…`, `old…`) and keep (`live…`, `recent…`). */
export interface CleanupRows {
  expiredToken: string;
  liveToken: string;
  oldMail: string;
  recentMail: string;
}

/** A user with an expired and a live single-use token, and a mail sent 31 days ago and one just now. */
export async function seedCleanupRows(db: Db): Promise<CleanupRows> {
  const [user] = await db
    .insert(users)
    .values({ name: `cleanup_${randomBytes(4).toString('hex')}`, role: 'joiner', passwordHash: 'not-a-hash' })
    .returning({ id: users.id });
  if (!user) throw new Error('no user inserted');
  const token = (expiresAt: Date) => ({
    tokenHash: randomBytes(32).toString('hex'),
    userId: user.id,
    purpose: 'reset_password' as const,
    jobId: randomUUID(),
    expiresAt,
  });
  const [expired, live] = [token(new Date(Date.now() - 60_000)), token(new Date(Date.now() + 30 * 60_000))];
  await db.insert(accountTokens).values([expired, live]);
  const mail = (sentAt: Date) => ({
    jobId: randomUUID(),
    kind: 'password_reset',
    recipient: 'someone@turnout.test',
    subject: 'Reset',
    sentAt,
  });
  const [old, recent] = await db
    .insert(mails)
    .values([mail(new Date(Date.now() - 31 * DAY_MS)), mail(new Date())])
    .returning({ id: mails.id });
  if (!old || !recent) throw new Error('no mails inserted');
  return { expiredToken: expired.tokenHash, liveToken: live.tokenHash, oldMail: old.id, recentMail: recent.id };
}

/** Which of the seeded rows are still there. */
export async function remainingCleanupRows(db: Db, rows: CleanupRows): Promise<string[]> {
  const tokens = await db
    .select({ hash: accountTokens.tokenHash })
    .from(accountTokens)
    .where(inArray(accountTokens.tokenHash, [rows.expiredToken, rows.liveToken]));
  const sent = await db
    .select({ id: mails.id })
    .from(mails)
    .where(inArray(mails.id, [rows.oldMail, rows.recentMail]));
  const present = new Set([...tokens.map((t) => t.hash), ...sent.map((m) => m.id)]);
  return (Object.keys(rows) as (keyof CleanupRows)[]).filter((key) => present.has(rows[key]));
}

/** The cleanup jobs in the queue's table, oldest first. */
export async function cleanupJobs(executeSql: (text: string) => Promise<{ rows: Record<string, unknown>[] }>) {
  const { rows } = await executeSql(
    `select id::text as id, state::text as state from ${JOBS_SCHEMA}.job where name = 'jobs.cleanup' order by created_on`,
  );
  return rows as { id: string; state: string }[];
}
