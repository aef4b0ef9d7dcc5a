import { resolve } from 'node:path';
import { ConfigError, parseConfig } from '../config';
import { backupDatabase, RestoreRefusedError, restoreDatabase } from './backup';
import { DataDirLockedError } from './data-dir-lock';

/**
 * `npm run db:backup -- [file]` and `npm run db:restore -- file [--replace]`, on the configured
 * database (DATABASE_URL, else the embedded one in DATA_DIR).
 */
const [command, ...args] = process.argv.slice(2);
const replace = args.includes('--replace');
// npm runs this in apps/server (where `npm start` keeps ./data); a file named on the command line
// is relative to where the user typed it, which npm passes as INIT_CWD (not configuration).
const named = args.find((a) => !a.startsWith('--'));
const file = named === undefined ? undefined : resolve(process.env.INIT_CWD ?? process.cwd(), named);
try {
  const config = parseConfig();
  const engine = config.database.kind === 'postgres' ? 'PostgreSQL' : `the embedded database in ${config.database.dataDir}`;
  if (command === 'backup') {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const target =
      file ??
      resolve(process.env.INIT_CWD ?? process.cwd(), `turnout-${stamp}.${config.database.kind === 'postgres' ? 'pgdump' : 'tar.gz'}`);
    await backupDatabase(config.database, target);
    console.log(`Backed up ${engine} to ${target}.`);
  } else if (command === 'restore' && file) {
    const movedTo = await restoreDatabase(config.database, file, { replace });
    console.log(`Restored ${file} into ${engine}.${movedTo ? ` The previous database is in ${movedTo}.` : ''}`);
  } else {
    console.error('Usage: npm run db:backup -- [file]   |   npm run db:restore -- <file> [--replace]');
    process.exit(2);
  }
} catch (error) {
  const known = error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof RestoreRefusedError;
  console.error(known ? (error as Error).message : error);
  process.exit(1);
}
