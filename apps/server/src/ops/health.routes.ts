import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ReadinessCheck } from './readiness';

const ReadinessSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  checks: z.record(z.string(), z.enum(['ok', 'unavailable'])),
});

export const healthRoutes: FastifyPluginAsyncZod<{ readiness: ReadinessCheck }> = async (app, { readiness }) => {
  app.get('/healthz', {
    schema: { tags: ['ops'], summary: 'Liveness: the process answers', response: { 200: z.object({ status: z.literal('ok') }) } },
    handler: async () => ({ status: 'ok' as const }),
  });

  app.get('/readyz', {
    schema: {
      tags: ['ops'],
      summary: 'Readiness: the database (and Redis, when configured) answer',
      response: { 200: ReadinessSchema, 503: ReadinessSchema },
    },
    handler: async (_request, reply) => {
      const checks = await readiness.run();
      const ready = Object.values(checks).every((c) => c === 'ok');
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', checks });
    },
  });
};
