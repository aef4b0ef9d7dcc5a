import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { Config } from '../config';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';
import * as schema from './schema';

export type Schema = typeof schema;
/** The one database interface services and repositories see, whichever engine is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a query can run on: the database itself or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  readonly engine: 'pglite' | 'postgres';
  readonly db: Db;
  /** Applies pending migrations; on PostgreSQL under an advisory lock so replicas apply them once. */
  migrate(): Promise<void>;
  /** PostgreSQL's pool: open and idle connections, and queries waiting for one (metrics). */
  poolStats?(): { total: number; idle: number; waiting: number };
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Bundled builds copy the migrations next to the bundle; sources keep them beside this file. */
export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

// Arbitrary, fixed key: every Turnout process takes the same lock while migrating.
const MIGRATION_LOCK_KEY = 7_310_411_402;

export async function openDatabase(config: Config['database']): Promise<Database> {
  return config.kind === 'postgres' ? openPostgres(config.url, config.poolMax) : openPglite(config.dataDir);
}

async function openPostgres(url: string, poolMax: number): Promise<Database> {
  // pg-pool applies connectionTimeoutMillis to the wait for a free client too: a burst such as 1 000
  // simultaneous joins on one event queues for longer than 5 s (they take turns on the event's row
  // lock), and must wait its turn rather than fail with a 500 (bench/: join rush).
  const pool = new pg.Pool({ connectionString: url, max: poolMax, connectionTimeoutMillis: 30_000 });
  // An idle client that loses its server must not crash the process: the pool replaces it.
  pool.on('error', () => {});
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    engine: 'postgres',
    db,
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        try {
          await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
        }
      } finally {
        client.release();
      }
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      await pool.end();
    },
  };
}

/** Opens an embedded database. `dataDir` of `memory://` keeps it in memory (tests). */
export async function openPglite(dataDir: string, options: { loadDataDir?: Blob } = {}): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  let lock: DataDirLock | undefined;
  if (!inMemory) lock = await acquireDataDirLock(dataDir);
  try {
    const client = await PGlite.create(inMemory ? dataDir : `${dataDir}/pglite`, {
      // Every commit is flushed to the files before the call returns (docs/product.md §6).
      relaxedDurability: false,
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      engine: 'pglite',
      db,
      async migrate() {
        await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
      },
      async ping() {
        await client.query('select 1');
      },
      async close() {
        await client.close();
        await lock?.release();
      },
    };
  } catch (error) {
    await lock?.release();
    throw error;
  }
}
