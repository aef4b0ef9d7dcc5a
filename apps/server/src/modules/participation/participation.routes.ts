import { AttendeesResponseSchema, ErrorBodySchema, EventParamsSchema, JoinResponseSchema, LeaveResponseSchema } from '@turnout/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { viewerMay } from '../../http/authorize';
import type { WriteLimits } from '../../plugins/rate-limits';
import { requireViewer } from '../../plugins/session';
import { eventPolicy, presentEventViewFor, presentParticipation } from '../events';
import type { ParticipationService } from './participation.service';

const tags = ['participation'];
const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  429: ErrorBodySchema,
};
const params = EventParamsSchema;

export const participationRoutes: FastifyPluginAsyncZod<{ participation: ParticipationService; limits: WriteLimits }> = async (
  app,
  { participation, limits },
) => {
  app.put('/api/events/:id/participation', {
    preValidation: viewerMay(eventPolicy.read),
    preHandler: limits.write,
    schema: {
      tags,
      summary: 'Join an event: a seat if one is free, else the waitlist (idempotent)',
      params,
      response: { 200: JoinResponseSchema, ...errors },
    },
    handler: async (request) => {
      const viewer = requireViewer(request);
      const { event, mine } = await participation.join(viewer, request.params.id);
      return { participation: presentParticipation(mine), event: presentEventViewFor(viewer.id, { event, mine }) };
    },
  });

  app.delete('/api/events/:id/participation', {
    preValidation: viewerMay(eventPolicy.read),
    preHandler: limits.write,
    schema: {
      tags,
      summary: 'Leave an event; the first waitlisted takes the seat (idempotent)',
      params,
      response: { 200: LeaveResponseSchema, ...errors },
    },
    handler: async (request) => {
      const viewer = requireViewer(request);
      return { event: presentEventViewFor(viewer.id, await participation.leave(viewer, request.params.id)) };
    },
  });

  app.get('/api/events/:id/attendees', {
    preValidation: viewerMay(eventPolicy.read),
    schema: {
      tags,
      summary:
        'Who is going, in arrival order: the organizer sees the joined list and the waitlist; anyone logged in the joined list unless the organizer hides it (403)',
      params,
      response: { 200: AttendeesResponseSchema, ...errors },
    },
    handler: async (request) => participation.attendees(requireViewer(request), request.params.id),
  });
};
