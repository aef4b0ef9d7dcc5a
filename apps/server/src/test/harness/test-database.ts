import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { Config } from '../../config';
import { type Database, openDatabase, openPglite } from '../../db/database';
import { databaseUrl, postgresAdminUrl } from './postgres-template';

export type TestEngine = 'pglite' | 'postgres';
export const testEngine = (): TestEngine => (process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite');

export interface TestDatabase {
  database: Database;
  /** How a server process reaches the same database (PostgreSQL only: PGlite lives in this process). */
  config: Config['database'];
  /** Closes the connection and drops the database. */
  destroy(): Promise<void>;
}

/** A fresh, migrated database of the engine under test, private to the caller. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testEngine() === 'pglite') {
    const database = await openPglite('memory://');
    await database.migrate();
    return { database, config: { kind: 'pglite', dataDir: 'memory://' }, destroy: () => database.close() };
  }
  const name = `turnout_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${inject('postgresTemplate')}`);
  } finally {
    await admin.end();
  }
  const config = { kind: 'postgres' as const, url: databaseUrl(name), poolMax: 10 };
  const database = await openDatabase(config);
  return {
    database,
    config,
    async destroy() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: postgresAdminUrl() });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
