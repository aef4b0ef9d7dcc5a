import { ConfigError, parseConfig } from '../config';
import { openDatabase } from './database';

/** `npm run db:migrate`: applies pending migrations to the configured database and exits. */
try {
  const config = parseConfig();
  const database = await openDatabase(config.database);
  await database.migrate();
  await database.close();
  console.log(`Migrations applied (${database.engine}).`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
