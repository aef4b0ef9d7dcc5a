import { Redis } from 'ioredis';
import pkg from '../package.json' with { type: 'json' };
import { buildApp } from './app';
import { ConfigError, parseConfig } from './config';
import { DataDirLockedError } from './db/data-dir-lock';
import { openDatabase } from './db/database';
import { createMetrics, serveMetrics } from './ops/metrics';
import { createShutdown, type ShutdownLog } from './ops/shutdown';

/**
 * Process entry: config → signal handlers → database → migrations → buildApp() → listen, and
 * the SIGTERM sequence of docs/product.md §7 (ops/shutdown.ts).
 */
async function main() {
  const startedAt = performance.now();
  const config = parseConfig();
  // Until the app's logger exists, shutdown lines go to stderr as JSON like pino's.
  let log: ShutdownLog = {
    info: (fields, msg) => console.log(JSON.stringify({ level: 30, ...fields, msg })),
    error: (fields, msg) => console.error(JSON.stringify({ level: 50, ...fields, msg })),
  };
  const shutdown = createShutdown({ ...config.shutdown, log: () => log, exit: (code) => process.exit(code) });
  // Before anything opens: a SIGTERM during migrations is honoured once they are done.
  // `on`, not `once`: a later signal must find a listener too, or Node's default handling (or signal-exit's) ends the process mid-close.
  process.on('SIGTERM', () => void shutdown.stop('SIGTERM'));
  process.on('SIGINT', () => void shutdown.stop('SIGINT'));

  const startup = (async () => {
    const database = await openDatabase(config.database);
    shutdown.onClose('database', () => database.close());
    if (shutdown.requested) return;
    await database.migrate();
    if (shutdown.requested) return;

    const redis = config.redisUrl
      ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false })
      : undefined;
    redis?.on('error', () => {});
    if (redis) shutdown.onClose('redis', async () => redis.disconnect());
    const metrics = createMetrics({ version: pkg.version, engine: database.engine });
    const app = await buildApp({ config, database, redis, metrics });
    log = app.log;
    redis?.on('error', (err) => app.log.warn({ err: err.message }, 'redis unavailable'));

    const metricsServer = await serveMetrics(metrics, config.metrics);
    shutdown.onClose('metrics', () => new Promise<void>((resolve) => metricsServer.server.close(() => resolve())));
    app.log.info(`metrics listening at ${metricsServer.url}`);
    if (shutdown.requested) return;
    await app.listen({ host: config.host, port: config.port });
    shutdown.serving(app);
    app.log.info(
      { engine: database.engine, redis: Boolean(redis), startupMs: Math.round(performance.now() - startedAt) },
      `Turnout ready at ${config.publicOrigin}`,
    );
  })();
  shutdown.starting(startup);
  await startup;
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
  } else {
    console.error('Turnout failed to start:', error);
  }
  process.exit(1);
});
