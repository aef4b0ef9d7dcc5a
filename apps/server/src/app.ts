import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import { BODY_LIMIT_BYTES } from '@turnout/contracts';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import type { Config } from './config';
import type { Database } from './db/database';
import { createRunInTransaction, createRunStatement } from './db/unit-of-work';
import { trustFunction } from './http/client-address';
import { loggableError } from './http/database-errors';
import { requestLogFields } from './http/request-log';
import { createResponseSerializerCompiler } from './http/response-serializer';
import { securityLog } from './http/security-log';
import { defineMaintenanceJobs } from './jobs/maintenance.jobs';
import { createJobQueue } from './jobs/pg-boss-queue';
import { createAppMailer } from './mail';
import {
  accountRoutes,
  authRoutes,
  createAccountService,
  createAuthService,
  createPasswordHasher,
  createSecretBox,
  createTotpService,
  defineAuthJobs,
  loadTotpKey,
  sessionRoutes,
  totpRoutes,
} from './modules/auth';
import { calendarRoutes, createCalendarService } from './modules/calendar';
import { createEventsService, eventRoutes } from './modules/events';
import { createImagesService, imageRoutes } from './modules/images';
import {
  createAnnouncementsService,
  createMessaging,
  createPreferencesService,
  createUnsubscribeTokens,
  defineMessageJobs,
  messageRoutes,
} from './modules/messages';
import { createNotificationsService, notificationRoutes } from './modules/notifications';
import {
  createAttendeeLists,
  createEventAttendance,
  createParticipationService,
  participationRepository,
  participationRoutes,
} from './modules/participation';
import { createPublicService, publicRoutes } from './modules/public';
import { drainingPlugin } from './ops/draining';
import { healthRoutes } from './ops/health.routes';
import { createMetrics, type Metrics, metricsPlugin } from './ops/metrics';
import { createReadinessCheck, type ReadinessCheck } from './ops/readiness';
import { csrfPlugin } from './plugins/csrf';
import { clientErrorHandler, errorHandlerPlugin, frameworkErrors } from './plugins/error-handler';
import { openApiPlugin } from './plugins/openapi';
import { createRateLimiters, perUser, type WriteLimits } from './plugins/rate-limits';
import { createSessionCookies, sessionPlugin } from './plugins/session';
import { webAppPlugin } from './plugins/web-app';
import { realtimeGateway } from './realtime/gateway';
import { type Publisher, silentPublisher } from './realtime/publisher';

export interface AppDeps {
  config: Config;
  database: Database;
  redis?: Redis | undefined;
  /** The process's metrics (server.ts serves them on METRICS_PORT); a private set when omitted. */
  metrics?: Metrics;
  /** Pino options, or false to stay silent (tests). */
  logger?: FastifyServerOptions['logger'];
  /** Overrides JOBS_WORK: `{ work: false }` enqueues and keeps jobs without running any (tests). */
  jobs?: { work: boolean };
  /** The clock of the account rules (token and session expiry); the system's when omitted (tests move it). */
  now?: () => Date;
  /** How long an event's joins and leaves gather before its organizer is told (30 s when omitted; tests shorten it). */
  activityWindowMs?: number;
}

/** Builds the whole HTTP application without listening: server.ts listens, tests inject. */
export async function buildApp({
  config,
  database,
  redis,
  logger,
  jobs: jobsDeps,
  now,
  activityWindowMs = 30_000,
  metrics = createMetrics({ engine: database.engine }),
}: AppDeps) {
  const app = Fastify({
    logger: logger ?? {
      level: config.logLevel,
      // Never log credentials: cookies and auth headers are cut from every request log line.
      redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
      // Errors are logged without failed queries' bound parameters (see http/database-errors.ts).
      serializers: { req: requestLogFields, err: loggableError },
    },
    bodyLimit: BODY_LIMIT_BYTES,
    // The same rule the socket handshake reads addresses by (http/client-address.ts).
    trustProxy: config.trustProxy.kind === 'none' ? false : trustFunction(config.trustProxy),
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: 'x-request-id',
    routerOptions: { ignoreTrailingSlash: true },
    // A request that reached the process while it closes is served, not refused (docs/product.md §7).
    return503OnClosing: false,
    // What Node's parser or Fastify's router refuse leaves in the same error shape as the rest.
    clientErrorHandler,
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();

  // The API speaks JSON only: any other body is a 415, never parsed as text.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(createResponseSerializerCompiler({ verify: config.env !== 'production' }));
  // Mail leaves only from jobs: through SMTP_URL's server, or without one to the log and the database.
  const mailer = createAppMailer({ config, db: database.db, log: app.log });
  app.addHook('onClose', () => mailer.close());

  // Before the modules, which define their jobs on it; started once the app is ready, stopped
  // (running jobs finished, bounded) before anything they use closes.
  const jobs = createJobQueue({
    database,
    log: app.log,
    onRun: metrics.jobRun,
    work: jobsDeps?.work ?? config.jobs.work,
    concurrency: config.jobs.concurrency,
    stopTimeoutMs: Math.min(10_000, Math.floor(config.shutdown.timeoutMs / 2)),
  });
  defineMaintenanceJobs(jobs, database.db);
  metrics.watchJobs(jobs);
  app.addHook('onReady', () => jobs.start());
  app.addHook('preClose', () => jobs.stop());

  // The socket server attaches itself later; writes publish through whatever is attached then.
  let publisher: Publisher = silentPublisher;
  const context = {
    config,
    database,
    db: database.db,
    redis,
    mailer,
    jobs,
    runInTransaction: createRunInTransaction(database.db, () => publisher),
    runStatement: createRunStatement(database.db, () => publisher),
    get publisher() {
      return publisher;
    },
    setPublisher(next: Publisher) {
      publisher = metrics.countingPublisher(next);
    },
  };
  const cookies = createSessionCookies(config);
  const limits = createRateLimiters(config.rateLimit, redis, metrics.rateLimited);
  const security = securityLog(app.log);
  const passwords = createPasswordHasher(config.argon2);
  // Two-factor secrets are sealed under TOTP_ENCRYPTION_KEY (or the key kept in DATA_DIR).
  const serverKey = await loadTotpKey(config.totpKey);
  const secrets = createSecretBox(serverKey);
  const accountDeps = {
    db: database.db,
    runInTransaction: context.runInTransaction,
    jobs,
    passwords,
    limits,
    security,
    ...(now ? { now } : {}),
  };
  // Verification, reset and notice mails: made and sent by jobs, never inside a request.
  defineAuthJobs(jobs, { db: database.db, mailer, publicOrigin: config.publicOrigin, ...(now ? { now } : {}) });
  const auth = createAuthService({
    ...accountDeps,
    session: config.session,
    secrets,
    onSessionEnded: (sessionId) => publisher.endSession(sessionId),
  });
  // Every write counts against its user; creating an event, which reaches every open socket, also has an hourly cap.
  const writeLimits: WriteLimits = { write: perUser(limits.writes), createEvent: perUser(limits.writes, limits.eventCreates) };

  await app.register(errorHandlerPlugin);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        connectSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: config.secureCookies,
  });
  await app.register(fastifyCookie);
  await app.register(csrfPlugin, { allowedOrigins: config.allowedOrigins, security });
  await app.register(sessionPlugin, { auth, cookies });
  await app.register(metricsPlugin, { metrics });
  metrics.watchDatabase(database);
  if (redis) metrics.watchRedis('main', redis);
  const readiness = createReadinessCheck(database, redis);
  app.decorate('readiness', readiness);
  await app.register(drainingPlugin, { readiness });
  // Before every route module: the OpenAPI document lists the routes registered after it.
  await app.register(openApiPlugin, { publicOrigin: config.publicOrigin, sessionCookie: cookies.name });

  await app.register(healthRoutes, { readiness });
  await app.register(authRoutes, { auth, cookies });
  await app.register(sessionRoutes, { auth, cookies, limits: writeLimits });
  await app.register(accountRoutes, { account: createAccountService({ ...accountDeps, sessions: auth }), limits: writeLimits });
  await app.register(totpRoutes, { totp: createTotpService({ ...accountDeps, secrets, sessions: auth }), limits: writeLimits });
  const attendeeLists = createAttendeeLists({
    read: (eventId) => participationRepository.listAttendees(database.db, eventId),
    publisher: () => publisher,
    log: app.log,
  });
  app.addHook('onClose', () => attendeeLists.settled());
  const domain = { db: database.db, runInTransaction: context.runInTransaction, runStatement: context.runStatement };
  // Reminders, announcements and mail about events; events and participation reach it through seams.
  const clock = now ?? (() => new Date());
  const unsubscribeTokens = createUnsubscribeTokens(serverKey);
  const messaging = createMessaging({ db: database.db, jobs, log: app.log, activityWindowMs, now: clock });
  defineMessageJobs(jobs, {
    db: database.db,
    runInTransaction: context.runInTransaction,
    mailer,
    tokens: unsubscribeTokens,
    publicOrigin: config.publicOrigin,
    mailFrom: config.mail.from,
    activityWindowMs,
    now: clock,
  });
  // Participation builds on events; events reach the people on an event only through this seam.
  await app.register(eventRoutes, {
    events: createEventsService({
      ...domain,
      attendance: createEventAttendance(attendeeLists, messaging.participation),
      messages: messaging.events,
    }),
    limits: writeLimits,
  });
  // Covers and avatars: uploads re-encoded by sharp, stored in the database, served to anyone.
  await app.register(imageRoutes, {
    images: createImagesService({ ...domain, accounts: auth, ...(now ? { now } : {}) }),
    limits: writeLimits,
  });
  await app.register(participationRoutes, {
    participation: createParticipationService({ ...domain, attendeeLists, messages: messaging.participation }),
    limits: writeLimits,
  });
  await app.register(messageRoutes, {
    announcements: createAnnouncementsService({ ...domain, jobs, ...(now ? { now } : {}) }),
    preferences: createPreferencesService({ db: database.db, tokens: unsubscribeTokens }),
    limits: writeLimits,
  });
  await app.register(notificationRoutes, { notifications: createNotificationsService(domain) });
  const publicPages = createPublicService({ db: database.db, publicOrigin: config.publicOrigin });
  await app.register(publicRoutes, { publicPages });
  await app.register(calendarRoutes, {
    calendar: createCalendarService({ db: database.db, runInTransaction: context.runInTransaction, publicOrigin: config.publicOrigin }),
    limits: writeLimits,
  });

  await app.register(realtimeGateway, {
    config,
    auth,
    cookies,
    redis,
    setPublisher: context.setPublisher,
    handshakes: limits.handshakes,
    security,
  });
  // A shared /e/:id link previews from the page's own <head> (docs/product.md §11).
  await app.register(webAppPlugin, { distDir: config.webDistDir, eventPageHead: (id) => publicPages.pageHead(id) });
  const turnout = { ...context, auth, cookies, attendeeLists };
  app.decorate('turnout', turnout);
  return app as typeof app & { turnout: typeof turnout };
}

export type App = Awaited<ReturnType<typeof buildApp>>;

declare module 'fastify' {
  interface FastifyInstance {
    readiness: ReadinessCheck;
  }
}
