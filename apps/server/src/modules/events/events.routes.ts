import {
  ErrorBodySchema,
  EventCreateSchema,
  EventDeletionPreviewSchema,
  EventListQuerySchema,
  EventListResponseSchema,
  EventParamsSchema,
  EventResponseSchema,
  EventUpdateSchema,
} from '@turnout/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { viewerMay } from '../../http/authorize';
import type { WriteLimits } from '../../plugins/rate-limits';
import { requireViewer } from '../../plugins/session';
import { eventPolicy } from './events.policy';
import { presentEventViewFor } from './events.presenter';
import type { EventsService } from './events.service';

const tags = ['events'];
const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  429: ErrorBodySchema,
};
const organizersOnly = viewerMay(eventPolicy.create, 'Only organizers can create events.');
const loggedIn = viewerMay(eventPolicy.read);

export const eventRoutes: FastifyPluginAsyncZod<{ events: EventsService; limits: WriteLimits }> = async (app, { events, limits }) => {
  app.get('/api/events', {
    preValidation: loggedIn,
    schema: {
      tags,
      summary: 'Browse events by start time: search, filters and cursor pages',
      querystring: EventListQuerySchema,
      response: { 200: EventListResponseSchema, ...errors },
    },
    handler: async (request) => {
      const viewer = requireViewer(request);
      const { items, nextCursor } = await events.list(viewer, request.query);
      return { items: items.map((item) => presentEventViewFor(viewer.id, item)), nextCursor };
    },
  });

  app.post('/api/events', {
    preValidation: organizersOnly,
    preHandler: limits.createEvent,
    schema: { tags, summary: 'Create an event (organizers)', body: EventCreateSchema, response: { 201: EventResponseSchema, ...errors } },
    handler: async (request, reply) => {
      const viewer = requireViewer(request);
      const event = await events.create(viewer, request.body);
      return reply.status(201).send({ event: presentEventViewFor(viewer.id, { event, mine: null }) });
    },
  });

  app.get('/api/events/:id', {
    preValidation: loggedIn,
    schema: {
      tags,
      summary: 'One event, its counts and the viewer’s own participation',
      params: EventParamsSchema,
      response: { 200: EventResponseSchema, ...errors },
    },
    handler: async (request) => {
      const viewer = requireViewer(request);
      return { event: presentEventViewFor(viewer.id, await events.get(viewer, request.params.id)) };
    },
  });

  app.patch('/api/events/:id', {
    preValidation: loggedIn,
    preHandler: limits.write,
    schema: {
      tags,
      summary: 'Edit an event (its organizer), based on the version last seen',
      params: EventParamsSchema,
      body: EventUpdateSchema,
      response: { 200: EventResponseSchema, ...errors },
    },
    handler: async (request) => {
      const viewer = requireViewer(request);
      const event = await events.update(viewer, request.params.id, request.body);
      return { event: presentEventViewFor(viewer.id, { event, mine: null }) };
    },
  });

  app.get('/api/events/:id/deletion', {
    preValidation: loggedIn,
    schema: {
      tags,
      summary: 'What deleting an event would do (its organizer): how many people would be told',
      params: EventParamsSchema,
      response: { 200: EventDeletionPreviewSchema, ...errors },
    },
    handler: async (request) => events.deletionPreview(requireViewer(request), request.params.id),
  });

  app.delete('/api/events/:id', {
    preValidation: loggedIn,
    preHandler: limits.write,
    schema: {
      tags,
      summary: 'Delete an event (its organizer); everyone in it is notified',
      params: EventParamsSchema,
      response: { 204: z.null(), ...errors },
    },
    handler: async (request, reply) => {
      await events.remove(requireViewer(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
};
