import { lt, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { accountTokens, mails } from '../db/schema';
import type { PgBossJobQueue } from './pg-boss-queue';

export const CLEANUP_JOB = 'jobs.cleanup';
/** Sent mail is kept this long (the log of what left, and the embedded mode's inbox), then deleted. */
export const MAIL_RETENTION_DAYS = 30;

/** What one cleanup removed. */
export interface CleanupResult {
  accountTokens: number;
  mails: number;
}

/** Deletes single-use tokens past their expiry (used or not) and sent mail older than MAIL_RETENTION_DAYS. */
export async function cleanUp(db: Db): Promise<CleanupResult> {
  const tokens = await db.delete(accountTokens).where(lt(accountTokens.expiresAt, sql`now()`)).returning({ hash: accountTokens.tokenHash });
  const sent = await db
    .delete(mails)
    .where(lt(mails.sentAt, sql`now() - make_interval(days => ${MAIL_RETENTION_DAYS})`))
    .returning({ id: mails.id });
  return { accountTokens: tokens.length, mails: sent.length };
}

/** The queue's own housekeeping: `jobs.cleanup`, daily at 03:17 UTC and whenever a working process starts. */
export function defineMaintenanceJobs(jobs: PgBossJobQueue, db: Db): void {
  jobs.definePeriodic(CLEANUP_JOB, { cron: '17 3 * * *' }, async () => {
    await cleanUp(db);
  });
}
