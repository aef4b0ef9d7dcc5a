import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ReadinessCheck } from './readiness';

const ReadinessSchema = z.object({
  status: z.enum(['ok', 'unavailable', 'draining']),
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
      summary: 'Readiness: this process and its database; 503 while shutting down. Redis is reported in checks, never decisive',
      response: { 200: ReadinessSchema, 503: ReadinessSchema },
    },
    handler: async (_request, reply) => {
      const { ready, status, checks } = await readiness.run();
      return reply.status(ready ? 200 : 503).send({ status, checks });
    },
  });
};
