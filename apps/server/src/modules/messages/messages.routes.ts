import {
  AnnouncementCreateSchema,
  AnnouncementListResponseSchema,
  AnnouncementResponseSchema,
  ErrorBodySchema,
  EventParamsSchema,
  PreferencesPatchSchema,
  PreferencesResponseSchema,
  UnsubscribeParamsSchema,
  UnsubscribeResponseSchema,
} from '@turnout/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { viewerMay } from '../../http/authorize';
import { notFound } from '../../http/errors';
import type { WriteLimits } from '../../plugins/rate-limits';
import { requireViewer } from '../../plugins/session';
import { eventPolicy } from '../events';
import type { AnnouncementsService } from './announcements.service';
import { presentAnnouncement } from './messages.presenter';
import type { PreferencesService } from './preferences.service';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 429: ErrorBodySchema };

export const messageRoutes: FastifyPluginAsyncZod<{
  announcements: AnnouncementsService;
  preferences: PreferencesService;
  limits: WriteLimits;
}> = async (app, { announcements, preferences, limits }) => {
  app.post('/api/events/:id/announcements', {
    preValidation: viewerMay(eventPolicy.create, 'Only the organizer of this event can post announcements.'),
    preHandler: limits.write,
    schema: {
      tags: ['announcements'],
      summary: 'Tell the people on an event something: a notification, live, and a mail (organizer; limited per hour)',
      params: EventParamsSchema,
      body: AnnouncementCreateSchema,
      response: { 201: AnnouncementResponseSchema, ...errors },
    },
    handler: async (request, reply) => {
      const posted = await announcements.post(requireViewer(request), request.params.id, request.body);
      return reply.code(201).send({ announcement: presentAnnouncement(posted) });
    },
  });

  app.get('/api/events/:id/announcements', {
    preValidation: viewerMay(eventPolicy.read),
    schema: {
      tags: ['announcements'],
      summary: 'An event’s announcements, newest first: all for its organizer, those addressed to them for attendees',
      params: EventParamsSchema,
      response: { 200: AnnouncementListResponseSchema, ...errors },
    },
    handler: async (request) => ({
      items: (await announcements.list(requireViewer(request), request.params.id)).map(presentAnnouncement),
    }),
  });

  app.get('/api/me/preferences', {
    preValidation: viewerMay(() => true),
    schema: {
      tags: ['preferences'],
      summary: 'Which mail the viewer wants, and their time zone',
      response: { 200: PreferencesResponseSchema, ...errors },
    },
    handler: async (request) => ({ preferences: await preferences.get(requireViewer(request).id) }),
  });

  app.patch('/api/me/preferences', {
    preValidation: viewerMay(() => true),
    preHandler: limits.write,
    schema: {
      tags: ['preferences'],
      summary: 'Change which mail the viewer wants, or their time zone',
      body: PreferencesPatchSchema,
      response: { 200: PreferencesResponseSchema, ...errors },
    },
    handler: async (request) => ({ preferences: await preferences.update(requireViewer(request).id, request.body) }),
  });

  await app.register(unsubscribeRoutes, { preferences });
};

/**
 * RFC 8058 one-click unsubscribe. Mail providers POST `List-Unsubscribe=One-Click` as a form,
 * with no cookie and no Origin: the token alone is the credential, for one user and one kind of
 * mail. Its own plugin, so the form parsers it needs reach no other route.
 */
const unsubscribeRoutes: FastifyPluginAsyncZod<{ preferences: PreferencesService }> = async (app, { preferences }) => {
  for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data']) {
    // The body only says "one click"; the token in the path says what to turn off.
    app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: 1024 }, (_request, _body, done) => done(null, undefined));
  }

  app.post('/api/unsubscribe/:token', {
    schema: {
      tags: ['preferences'],
      summary: 'Turn off one kind of mail for the user the token names (no login: the link in the mail)',
      params: UnsubscribeParamsSchema,
      body: z.unknown().optional(),
      response: { 200: UnsubscribeResponseSchema, 400: ErrorBodySchema, 404: ErrorBodySchema },
    },
    handler: async (request) => preferences.unsubscribe(request.params.token),
  });

  // A client that opens the List-Unsubscribe address instead of POSTing to it gets the page that asks.
  app.get('/api/unsubscribe/:token', {
    schema: {
      tags: ['preferences'],
      summary: 'The unsubscribe page for a token (a redirect; nothing changes)',
      params: UnsubscribeParamsSchema,
      response: { 303: z.null(), 400: ErrorBodySchema, 404: ErrorBodySchema },
    },
    handler: async (request, reply) => {
      if (!preferences.isValid(request.params.token)) throw notFound('Unsubscribe link');
      return reply.redirect(`/unsubscribe#token=${encodeURIComponent(request.params.token)}`, 303);
    },
  });
};
