import { ErrorBodySchema, SessionListResponseSchema, SessionParamsSchema } from '@turnout/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { WriteLimits } from '../../plugins/rate-limits';
import { requireViewer, type SessionCookies } from '../../plugins/session';
import { presentSession } from './auth.presenter';
import type { AuthService } from './auth.service';

const tags = ['auth'];

export const sessionRoutes: FastifyPluginAsyncZod<{ auth: AuthService; cookies: SessionCookies; limits: WriteLimits }> = async (
  app,
  { auth, cookies, limits },
) => {
  app.get('/api/auth/sessions', {
    schema: {
      tags,
      summary: "The viewer's sessions, most recently seen first",
      response: { 200: SessionListResponseSchema, 401: ErrorBodySchema },
    },
    handler: async (request) => {
      const viewer = requireViewer(request);
      return { sessions: (await auth.listSessions(viewer)).map((row) => presentSession(row, viewer)) };
    },
  });

  app.delete('/api/auth/sessions/:id', {
    schema: {
      tags,
      summary: "End one of the viewer's sessions (the current one logs out); its sockets disconnect on every process",
      params: SessionParamsSchema,
      response: {
        204: z.null(),
        400: ErrorBodySchema,
        401: ErrorBodySchema,
        403: ErrorBodySchema,
        404: ErrorBodySchema,
        429: ErrorBodySchema,
      },
    },
    preHandler: limits.write,
    handler: async (request, reply) => {
      const { current } = await auth.revokeSession(requireViewer(request), request.params.id);
      if (current) cookies.clear(reply);
      return reply.status(204).send(null);
    },
  });
};
