import { once } from 'node:events';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChild } from '../test/harness/child-process';
import { repoPath } from '../test/harness/deploy-files';
import { createTestDatabase, type TestDatabase } from '../test/harness/test-database';

// The key src/db/database.ts migrates under: holding it here keeps a starting server inside its migration.
const MIGRATION_LOCK_KEY = 7_310_411_402;
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.destroy());

describe('a SIGTERM during start-up', { timeout: 120_000 }, () => {
  it('is handled while migrations run: the process finishes them, never listens, and exits 0', async () => {
    if (db.config.kind !== 'postgres') throw new Error('needs PostgreSQL');
    const holder = new pg.Client({ connectionString: db.config.url });
    await holder.connect();
    await holder.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const child = startChild(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: repoPath('apps/server'),
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: '0',
        METRICS_PORT: '0',
        DATABASE_URL: db.config.url,
        LOG_LEVEL: 'info',
        WEB_DIST_DIR: '/nonexistent-web-dist',
      },
    });
    try {
      // The server waits on the migration lock: it is inside database.migrate().
      for (;;) {
        const { rows } = await holder.query<{ waiting: number }>(
          "select count(*)::int as waiting from pg_locks where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())",
        );
        if (rows[0]?.waiting) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const exited = once(child.process, 'exit');
      child.process.kill('SIGTERM');
      await child.waitFor(/"msg":"shutting down"/);
      await holder.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      const [code, signal] = await exited;
      expect([code, signal]).toEqual([0, null]);
      expect(child.output()).not.toContain('Server listening');
    } finally {
      await holder.end();
      await child.stop();
    }
  });
});
