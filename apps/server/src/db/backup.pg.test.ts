import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginStatus, npmRun, registerOn } from '../test/harness/database-cli';
import { postgresAdminUrl } from '../test/harness/postgres-template';
import { createTestDatabase, type TestDatabase } from '../test/harness/test-database';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'turnout-backup-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('db:backup and db:restore on PostgreSQL', { timeout: 180_000 }, () => {
  it('PostgreSQL: pg_dump through db:backup restores with pg_restore into another database', async () => {
    const source: TestDatabase = await createTestDatabase();
    const targetName = `turnout_r_${Date.now()}`;
    const admin = new pg.Client({ connectionString: postgresAdminUrl() });
    await admin.connect();
    try {
      if (source.config.kind !== 'postgres') throw new Error('needs PostgreSQL');
      const user = await registerOn({ DATABASE_URL: source.config.url });
      const file = join(dir, 'turnout.pgdump');
      await npmRun('db:backup', [file], { DATABASE_URL: source.config.url });
      await admin.query(`create database ${targetName}`);
      const targetUrl = new URL(source.config.url);
      targetUrl.pathname = `/${targetName}`;
      await npmRun('db:restore', [file], { DATABASE_URL: targetUrl.toString() });
      // The job queue's schema comes along: the cleanup job the source's server enqueued at start is there.
      const restored = new pg.Client({ connectionString: targetUrl.toString() });
      await restored.connect();
      try {
        const { rows } = await restored.query("select count(*)::int as jobs from pgboss.job where name = 'jobs.cleanup'");
        expect(rows[0]?.jobs).toBeGreaterThanOrEqual(1);
      } finally {
        await restored.end();
      }
      expect(await loginStatus({ DATABASE_URL: targetUrl.toString() }, user)).toBe(200);
    } finally {
      await source.destroy();
      await admin.query(`drop database if exists ${targetName} with (force)`);
      await admin.end();
    }
  });
});
