import { Redis } from 'ioredis';
import { buildApp } from './app';
import { ConfigError, parseConfig } from './config';
import { DataDirLockedError } from './db/data-dir-lock';
import { openDatabase } from './db/database';

/** Process entry: config → database → buildApp() → listen → graceful shutdown. */
async function main() {
  const startedAt = performance.now();
  const config = parseConfig();
  const database = await openDatabase(config.database);
  await database.migrate();
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false })
    : undefined;
  redis?.on('error', () => {});
  const app = await buildApp({ config, database, redis });
  redis?.on('error', (err) => app.log.warn({ err: err.message }, 'redis unavailable'));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await app.close();
      redis?.disconnect();
      await database.close();
    } finally {
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ host: config.host, port: config.port });
  app.log.info(
    { engine: database.engine, redis: Boolean(redis), startupMs: Math.round(performance.now() - startedAt) },
    `Turnout ready at ${config.publicOrigin}`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
  } else {
    console.error('Turnout failed to start:', error);
  }
  process.exit(1);
});
