import {
  ErrorBodySchema,
  EventParamsSchema,
  EventResponseSchema,
  ImageParamsSchema,
  ImageUploadSchema,
  MeResponseSchema,
} from '@turnout/contracts';
import type { FastifyRouteSchemaDef } from 'fastify/types/schema';
import { type FastifyPluginAsyncZod, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { viewerMay } from '../../http/authorize';
import type { WriteLimits } from '../../plugins/rate-limits';
import { requireViewer } from '../../plugins/session';
import { presentMe } from '../auth';
import { eventPolicy, presentEventViewFor } from '../events';
import type { ImagesService } from './images.service';
import { acceptImageUploads, readImageUpload } from './images.upload';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 429: ErrorBodySchema };
const uploadErrors = { ...errors, 413: ErrorBodySchema, 415: ErrorBodySchema };
const coverErrors = { 404: ErrorBodySchema, 409: ErrorBodySchema };
// One id is one rendition that never changes (a new image is a new id): caches may keep it for a year.
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The multipart body is documented by ImageUploadSchema and read part by part in the handler
 * (images.upload.ts), so it is not validated as a whole here; params are, by their zod schemas.
 */
const uploadValidator = <S>(route: FastifyRouteSchemaDef<S>) =>
  route.httpPart === 'body' ? () => true : validatorCompiler(route as FastifyRouteSchemaDef<z.ZodType>);
const upload = { consumes: ['multipart/form-data'], body: ImageUploadSchema };

/** Whether an If-None-Match header names this ETag (or any). */
const matches = (header: string | undefined, etag: string) =>
  (header ?? '').split(',').some((tag) => ['*', etag].includes(tag.trim().replace(/^W\//, '')));

export const imageRoutes: FastifyPluginAsyncZod<{ images: ImagesService; limits: WriteLimits }> = async (app, { images, limits }) => {
  await acceptImageUploads(app);
  const loggedIn = viewerMay(eventPolicy.read);

  app.put('/api/events/:id/cover', {
    preValidation: loggedIn,
    validatorCompiler: uploadValidator,
    // Who may not change the cover is refused before the upload is read.
    preHandler: [limits.write, (request) => images.assertMayChangeCover(requireViewer(request), request.params.id)],
    schema: {
      tags: ['events'],
      summary: 'Set the event’s cover image (its organizer): resized to 1600 × 800 and stored as WebP',
      params: EventParamsSchema,
      ...upload,
      response: { 200: EventResponseSchema, ...uploadErrors, ...coverErrors },
    },
    handler: async (request) => {
      const viewer = requireViewer(request);
      const event = await images.replaceCover(viewer, request.params.id, await readImageUpload(request));
      return { event: presentEventViewFor(viewer.id, { event, mine: null }) };
    },
  });

  app.delete('/api/events/:id/cover', {
    preValidation: loggedIn,
    preHandler: limits.write,
    schema: {
      tags: ['events'],
      summary: 'Remove the event’s cover image (its organizer); answers the event whether or not it had one',
      params: EventParamsSchema,
      response: { 200: EventResponseSchema, ...errors, ...coverErrors },
    },
    handler: async (request) => {
      const viewer = requireViewer(request);
      return { event: presentEventViewFor(viewer.id, { event: await images.removeCover(viewer, request.params.id), mine: null }) };
    },
  });

  app.put('/api/me/avatar', {
    preHandler: limits.write,
    validatorCompiler: uploadValidator,
    schema: {
      tags: ['auth'],
      summary: 'Set my avatar: resized to 256 × 256 and stored as WebP',
      ...upload,
      response: { 200: MeResponseSchema, ...uploadErrors },
    },
    handler: async (request) => {
      const viewer = requireViewer(request);
      return presentMe(viewer, await images.replaceAvatar(viewer, await readImageUpload(request)));
    },
  });

  app.delete('/api/me/avatar', {
    preHandler: limits.write,
    schema: { tags: ['auth'], summary: 'Remove my avatar: pages show my initials', response: { 200: MeResponseSchema, ...errors } },
    handler: async (request) => {
      const viewer = requireViewer(request);
      return presentMe(viewer, await images.removeAvatar(viewer));
    },
  });

  app.get('/api/images/:id', {
    schema: {
      tags: ['images'],
      summary: 'An uploaded image (a cover or an avatar), without a login; cached for a year',
      security: [],
      params: ImageParamsSchema,
      response: {
        200: {
          description: 'The image',
          content: { 'image/webp': { schema: z.instanceof(Buffer).meta({ type: 'string', format: 'binary' }) } },
        },
        304: z.undefined().describe('Not modified: the copy the client holds is this one'),
        400: ErrorBodySchema,
        404: ErrorBodySchema,
      },
    },
    handler: async (request, reply) => {
      const image = await images.file(request.params.id);
      const etag = `"${image.id}"`;
      void reply.header('cache-control', IMMUTABLE).header('etag', etag).header('x-content-type-options', 'nosniff');
      if (matches(request.headers['if-none-match'], etag)) return reply.status(304).send();
      return reply.type(image.contentType).header('content-length', image.bytes.length).send(image.bytes);
    },
  });
};
