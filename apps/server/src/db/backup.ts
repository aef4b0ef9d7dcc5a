import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import type { Config } from '../config';
import { acquireDataDirLock } from './data-dir-lock';

const run = promisify(execFile);

/**
 * Backups of either engine, for `npm run db:backup` and `npm run db:restore`.
 * - Embedded (PGlite): a gzipped tarball of the database directory, taken by PGlite itself
 *   (`dumpDataDir`) under the DATA_DIR lease, so the server must be stopped; restored with
 *   PGlite's `loadDataDir` into an empty directory.
 * - PostgreSQL: `pg_dump --format=custom`, restored with `pg_restore`, while the app runs.
 */
export async function backupDatabase(database: Config['database'], file: string): Promise<void> {
  if (database.kind === 'postgres') {
    await run('pg_dump', ['--format=custom', '--no-owner', '--file', file, '--dbname', database.url]);
    return;
  }
  const lock = await acquireDataDirLock(database.dataDir, { waitMs: 0 });
  try {
    const client = await PGlite.create(join(database.dataDir, 'pglite'));
    try {
      const dump = await client.dumpDataDir('gzip');
      await writeFile(file, Buffer.from(await dump.arrayBuffer()));
    } finally {
      await client.close();
    }
  } finally {
    await lock.release();
  }
}

export class RestoreRefusedError extends Error {
  override name = 'RestoreRefusedError';
}

/**
 * Restores `file` (written by `backupDatabase`). An embedded DATA_DIR that holds a database is moved
 * aside to `pglite.before-restore-<time>` only with `replace`; otherwise the restore is refused.
 * On PostgreSQL the objects in the dump replace those in the database (`--clean --if-exists`).
 */
export async function restoreDatabase(database: Config['database'], file: string, { replace = false } = {}): Promise<string | undefined> {
  if (!existsSync(file)) throw new RestoreRefusedError(`No backup at ${file}.`);
  if (database.kind === 'postgres') {
    await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--dbname', database.url, file]);
    return undefined;
  }
  const lock = await acquireDataDirLock(database.dataDir, { waitMs: 0 });
  try {
    const target = join(database.dataDir, 'pglite');
    let movedTo: string | undefined;
    if (existsSync(target) && readdirSync(target).length > 0) {
      if (!replace) {
        throw new RestoreRefusedError(
          `DATA_DIR ${database.dataDir} already holds a database. Restore into an empty DATA_DIR, or pass --replace to move the current one aside.`,
        );
      }
      movedTo = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await rename(target, movedTo);
    }
    const client = await PGlite.create(target, { loadDataDir: new Blob([await readFile(file)]), relaxedDurability: false });
    await client.query('select 1');
    await client.close();
    return movedTo;
  } finally {
    await lock.release();
  }
}
