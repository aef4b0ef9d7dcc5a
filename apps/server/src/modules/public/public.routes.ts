import { ErrorBodySchema, EventParamsSchema, PublicEventResponseSchema } from '@turnout/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { etagMatches } from '../../http/etag';
import { presentPublicEvent } from './public.presenter';
import type { PublicService } from './public.service';

const tags = ['public'];

export const publicRoutes: FastifyPluginAsyncZod<{ publicPages: PublicService }> = async (app, { publicPages }) => {
  app.get('/api/public/events/:id', {
    schema: {
      tags,
      summary: 'An event’s shareable page data: no login, no attendee data',
      params: EventParamsSchema,
      response: { 200: PublicEventResponseSchema, 400: ErrorBodySchema, 404: ErrorBodySchema },
    },
    handler: async (request) => ({ event: presentPublicEvent(await publicPages.event(request.params.id)) }),
  });

  app.get('/api/public/events/:id/preview.png', {
    schema: {
      tags,
      summary: 'The 1200 × 630 picture a shared link previews with when the event has no cover (no login)',
      params: EventParamsSchema,
      response: {
        200: {
          description: 'The picture',
          content: { 'image/png': { schema: z.instanceof(Buffer).meta({ type: 'string', format: 'binary' }) } },
        },
        304: z.undefined().describe('Not modified: the copy the client holds is this one'),
        400: ErrorBodySchema,
        404: ErrorBodySchema,
      },
    },
    handler: async (request, reply) => {
      const image = await publicPages.previewImage(request.params.id);
      void reply
        .header('etag', image.etag)
        // It changes with every edit of the event: caches keep it a few minutes, then revalidate.
        .header('cache-control', 'public, max-age=300')
        // Meant to be shown on other sites: a preview card may load it from anywhere.
        .header('cross-origin-resource-policy', 'cross-origin');
      if (etagMatches(request.headers['if-none-match'], image.etag)) return reply.code(304).send();
      const png = await image.png();
      return reply.type('image/png').header('content-length', png.length).send(png);
    },
  });
};
