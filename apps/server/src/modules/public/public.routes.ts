import { ErrorBodySchema, EventParamsSchema, PublicEventResponseSchema } from '@turnout/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { presentPublicEvent } from './public.presenter';
import type { PublicService } from './public.service';

export const publicRoutes: FastifyPluginAsyncZod<{ publicPages: PublicService }> = async (app, { publicPages }) => {
  app.get('/api/public/events/:id', {
    schema: {
      tags: ['public'],
      summary: 'An event’s shareable page data: no login, no attendee data',
      params: EventParamsSchema,
      response: { 200: PublicEventResponseSchema, 400: ErrorBodySchema, 404: ErrorBodySchema },
    },
    handler: async (request) => ({ event: presentPublicEvent(await publicPages.event(request.params.id)) }),
  });
};
