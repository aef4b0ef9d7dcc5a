import { CalendarFeedParamsSchema, CalendarTokenResponseSchema, ErrorBodySchema, EventParamsSchema } from '@turnout/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { WriteLimits } from '../../plugins/rate-limits';
import { requireViewer } from '../../plugins/session';
import type { CalendarService, IcsFile } from './calendar.service';

const tags = ['calendar'];
const icsResponse = (description: string) => ({
  description,
  content: { 'text/calendar': { schema: z.string().describe('An iCalendar (RFC 5545) document') } },
});

const sendIcs = (reply: FastifyReply, file: IcsFile, disposition: 'attachment' | 'inline') =>
  reply
    .type('text/calendar; charset=utf-8')
    .header('content-disposition', `${disposition}; filename="${file.filename}"`)
    // Calendar apps poll the feed; they must revalidate rather than keep a stale copy.
    .header('cache-control', 'private, no-cache')
    .send(file.body);

export const calendarRoutes: FastifyPluginAsyncZod<{ calendar: CalendarService; limits: WriteLimits }> = async (
  app,
  { calendar, limits },
) => {
  app.get('/api/events/:id/calendar.ics', {
    schema: {
      tags,
      summary: "Download an event as an .ics file (in the event's time zone)",
      params: EventParamsSchema,
      response: { 200: icsResponse('The event as iCalendar'), 400: ErrorBodySchema, 401: ErrorBodySchema, 404: ErrorBodySchema },
    },
    handler: async (request, reply) => {
      requireViewer(request);
      return sendIcs(reply, await calendar.eventFile(request.params.id), 'attachment');
    },
  });

  app.get('/api/public/events/:id/calendar.ics', {
    schema: {
      tags,
      summary: 'An event as an .ics file for anyone holding its public link (no login; no join link)',
      params: EventParamsSchema,
      response: { 200: icsResponse('The event as iCalendar'), 400: ErrorBodySchema, 404: ErrorBodySchema },
    },
    handler: async (request, reply) => sendIcs(reply, await calendar.eventFile(request.params.id), 'attachment'),
  });

  app.get('/api/calendar/token', {
    schema: {
      tags,
      summary: 'The secret token and address of my calendar feed (created on first request)',
      response: { 200: CalendarTokenResponseSchema, 401: ErrorBodySchema },
    },
    handler: async (request) => calendar.token(requireViewer(request).id),
  });

  app.post('/api/calendar/token', {
    preHandler: limits.write,
    schema: {
      tags,
      summary: 'Replace my calendar feed token: the old feed address stops working',
      response: { 200: CalendarTokenResponseSchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 429: ErrorBodySchema },
    },
    handler: async (request) => calendar.rotateToken(requireViewer(request).id),
  });

  app.get('/api/calendar/:token.ics', {
    schema: {
      tags,
      summary: 'My calendar feed: the events I organize or have joined (no login; the token is the secret)',
      params: CalendarFeedParamsSchema,
      response: { 200: icsResponse('The events as iCalendar'), 400: ErrorBodySchema, 404: ErrorBodySchema },
    },
    handler: async (request, reply) => sendIcs(reply, await calendar.feed(request.params.token), 'inline'),
  });
};
