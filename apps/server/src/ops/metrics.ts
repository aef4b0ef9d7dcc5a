import { createServer, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/database';
import type { JobCounts, JobOutcome } from '../jobs/pg-boss-queue';
import type { Publisher } from '../realtime/publisher';

/** Up to 30 s: a request waiting its turn on a busy event's row lock can take that long (pg pool wait). */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const JOIN_OUTCOMES = new Set(['joined', 'waitlisted', 'promoted']);

export interface MetricsOptions {
  version?: string;
  engine?: Database['engine'];
}

/**
 * Every series Turnout exposes, in one registry. Code elsewhere only calls the small methods
 * below; the registry is served on METRICS_PORT by `serveMetrics`, never on the public port.
 */
export function createMetrics({ version = 'dev', engine }: MetricsOptions = {}) {
  const registry = new Registry();
  // Process metrics, event-loop lag (nodejs_eventloop_lag_*) and GC among them.
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  new Gauge({
    name: 'turnout_build_info',
    help: 'Always 1; the labels say which build and runtime this process is',
    labelNames: ['version', 'node', 'engine'] as const,
    registers,
  }).set({ version, node: process.version, engine: engine ?? 'unknown' }, 1);

  const httpDuration = new Histogram({
    name: 'turnout_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers,
  });
  const handshakeRefusals = new Counter({
    name: 'turnout_socket_handshakes_refused_total',
    help: 'Socket.IO handshakes refused, by reason',
    labelNames: ['reason'] as const,
    registers,
  });
  const broadcasts = new Counter({
    name: 'turnout_broadcasts_total',
    help: 'Realtime messages published after commit, by event',
    labelNames: ['event'] as const,
    registers,
  });
  const joinOutcomes = new Counter({
    name: 'turnout_join_outcomes_total',
    help: 'Participation outcomes: seats taken on join, waitlisted joins, promotions from the waitlist',
    labelNames: ['outcome'] as const,
    registers,
  });
  const rateLimitRejections = new Counter({
    name: 'turnout_rate_limit_rejections_total',
    help: 'Requests refused with 429, by limiter',
    labelNames: ['limiter'] as const,
    registers,
  });

  const redisClients = new Map<string, Redis>();
  new Gauge({
    name: 'turnout_redis_up',
    help: '1 when the Redis connection is ready, by client (main: rate limits; adapter: Socket.IO broadcasts)',
    labelNames: ['client'] as const,
    registers,
    collect() {
      for (const [client, redis] of redisClients) this.set({ client }, redis.status === 'ready' ? 1 : 0);
    },
  });

  let poolStats: Database['poolStats'];
  new Gauge({
    name: 'turnout_pg_pool_connections',
    help: 'PostgreSQL pool: total and idle connections, and clients waiting for one',
    labelNames: ['state'] as const,
    registers,
    collect() {
      const stats = poolStats?.();
      if (!stats) return;
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });

  const jobRuns = new Counter({
    name: 'turnout_job_runs_total',
    help: 'Job runs on this process by kind and outcome (failed: the handler threw; a retry may follow)',
    labelNames: ['queue', 'outcome'] as const,
    registers,
  });
  let jobCounts: (() => Promise<Map<string, JobCounts>>) | undefined;
  new Gauge({
    name: 'turnout_jobs',
    help: 'Jobs in the database by kind: queued (waiting or due for a retry), running, failed (out of retries, until archived)',
    labelNames: ['queue', 'state'] as const,
    registers,
    async collect() {
      if (!jobCounts) return;
      this.reset();
      let counts: Map<string, JobCounts>;
      try {
        counts = await jobCounts();
      } catch {
        // A database that cannot answer now leaves the series out of this scrape rather than failing it.
        return;
      }
      for (const [queue, { queued, running, failed }] of counts) {
        this.set({ queue, state: 'queued' }, queued);
        this.set({ queue, state: 'running' }, running);
        this.set({ queue, state: 'failed' }, failed);
      }
    },
  });

  return {
    registry,
    jobRun(queue: string, outcome: JobOutcome) {
      jobRuns.inc({ queue, outcome });
    },
    /** Reads `turnout_jobs` from `source` at every scrape. */
    watchJobs(source: { counts(): Promise<Map<string, JobCounts>> }) {
      jobCounts = () => source.counts();
    },
    observeRequest(labels: { method: string; route: string; status: number }, seconds: number) {
      httpDuration.observe({ ...labels, status: String(labels.status) }, seconds);
    },
    handshakeRefused(reason: string) {
      handshakeRefusals.inc({ reason });
    },
    rateLimited(limiter: string) {
      rateLimitRejections.inc({ limiter });
    },
    /** Reports the connection state of `redis` as `turnout_redis_up{client=name}`. */
    watchRedis(name: string, redis: Redis) {
      redisClients.set(name, redis);
    },
    watchDatabase(database: Pick<Database, 'poolStats'>) {
      poolStats = database.poolStats;
    },
    /** Wraps a publisher so every message it sends counts as a broadcast, and participation changes as outcomes. */
    countingPublisher(inner: Publisher): Publisher {
      return {
        publish(messages) {
          inner.publish(messages);
          for (const message of messages) {
            broadcasts.inc({ event: message.event });
            if (message.event === 'participation:mine' && JOIN_OUTCOMES.has(message.payload.status)) {
              joinOutcomes.inc({ outcome: message.payload.status });
            }
          }
        },
        endSession: (sessionId) => inner.endSession(sessionId),
      };
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Times every routed request into `turnout_http_request_duration_seconds`. */
export const metricsPlugin = fp(async (app: FastifyInstance, { metrics }: { metrics: Metrics }) => {
  app.decorate('metrics', metrics);
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url;
    if (!route) return;
    metrics.observeRequest({ method: request.method, route, status: reply.statusCode }, reply.elapsedTime / 1000);
  });
});

/** GET /metrics on its own listener (METRICS_PORT): Prometheus scrapes it; the public port has no such route. */
export async function serveMetrics(
  metrics: Metrics,
  { host, port }: { host: string; port: number },
): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://metrics').pathname;
    if (request.method !== 'GET' || path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    metrics.registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`${error.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return { server, url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}/metrics` };
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
}
