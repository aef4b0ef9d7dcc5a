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

/** SQL text with `$1`… placeholders, as libraries that bring their own SQL (pg-boss) run it. */
export type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

interface DriverClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Runs SQL text on the connection `executor` stands for: an open transaction's own connection
 * (node-postgres' pool client, PGlite's transaction), or the pool / PGlite instance. Drizzle's `sql`
 * template cannot carry such text: it numbers every parameter afresh, where `$5` used twice must
 * stay one parameter with one type. One statement per call.
 */
export function executorSql(executor: Executor): ExecuteSql {
  const client = (executor._.session as unknown as { client?: DriverClient }).client;
  if (typeof client?.query !== 'function') throw new Error('executorSql: the drizzle session has no driver client');
  return async (text, values) => {
    const result = await client.query(
      text,
      values?.map((value) => value ?? null),
    );
    return { rows: result.rows as Record<string, unknown>[] };
  };
}

export interface Database {
  readonly engine: 'pglite' | 'postgres';
  readonly db: Db;
  /** Applies pending migrations; on PostgreSQL under an advisory lock so replicas apply them once. */
  migrate(): Promise<void>;
  /** PostgreSQL's pool: open and idle connections, and queries waiting for one (metrics). */
  poolStats?(): { total: number; idle: number; waiting: number };
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /** Runs SQL text outside any transaction; without values it may hold several statements. */
  executeSql: ExecuteSql;
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
    async executeSql(text, values) {
      const result = await pool.query(
        text,
        values?.map((value) => value ?? null),
      );
      // Several statements answer one result each; the last one's rows are the answer.
      const last = Array.isArray(result) ? (result as pg.QueryResult[]).at(-1) : result;
      return { rows: (last?.rows ?? []) as Record<string, unknown>[] };
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
      async executeSql(text, values) {
        if (values && values.length > 0) {
          const result = await client.query(
            text,
            values.map((value) => value ?? null),
          );
          return { rows: result.rows as Record<string, unknown>[] };
        }
        // The extended protocol PGlite's query() speaks takes one statement; exec() takes a script.
        const results = await client.exec(text);
        return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
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
