import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export const OPENAPI_PATH = '/api/openapi.json';
export const DOCS_PREFIX = '/api/docs';

/**
 * The OpenAPI 3.1 document, generated from the zod schemas every route declares, and a browsable
 * reference. Register before the route modules: the document lists the routes added after it.
 */
export const openApiPlugin = fp(async (app: FastifyInstance, opts: { publicOrigin: string; sessionCookie: string }) => {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Turnout API',
        version: '1.0.0',
        description:
          'Real-time event management. Errors are always `{"error": {"code", "message", "details"?}}`. ' +
          "Mutating requests must come from the app's own origin (CSRF); authentication is the session cookie set at login.",
      },
      servers: [{ url: opts.publicOrigin }],
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: opts.sessionCookie } } },
      security: [{ session: [] }],
      tags: [
        { name: 'auth', description: 'Accounts and sessions' },
        { name: 'events', description: 'Events and their lists' },
        { name: 'participation', description: 'Joining and leaving, the waitlist' },
        { name: 'notifications', description: 'Persisted notices for the logged-in user' },
        { name: 'calendar', description: 'iCalendar files and the personal feed' },
        { name: 'public', description: 'What a shared link shows without a login' },
        { name: 'images', description: 'Uploaded covers and avatars, as stored' },
        { name: 'ops', description: 'Health and readiness' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  app.get(OPENAPI_PATH, { schema: { hide: true } }, async () => app.swagger());

  // The page loads only its own scripts and styles, so the app's CSP covers it; the spec
  // validator badge (an image from swagger.io) stays off, as by default.
  await app.register(fastifySwaggerUi, { routePrefix: DOCS_PREFIX, validatorUrl: false });
});
