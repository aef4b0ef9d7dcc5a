import { ErrorBodySchema, LoginBodySchema, RegisterBodySchema, UserResponseSchema } from '@turnout/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireViewer, type SessionCookies } from '../../plugins/session';
import { presentUser } from './auth.presenter';
import type { AuthService } from './auth.service';

const tags = ['auth'];
const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 409: ErrorBodySchema, 429: ErrorBodySchema };

export const authRoutes: FastifyPluginAsyncZod<{ auth: AuthService; cookies: SessionCookies }> = async (app, { auth, cookies }) => {
  app.post('/api/auth/register', {
    schema: { tags, summary: 'Create an account and log in', body: RegisterBodySchema, response: { 201: UserResponseSchema, ...errors } },
    handler: async (request, reply) => {
      const { token, viewer } = await auth.register(request.body, request.ip);
      cookies.set(reply, token);
      return reply.status(201).send({ user: presentUser(viewer) });
    },
  });

  app.post('/api/auth/login', {
    schema: { tags, summary: 'Log in (rotates the session)', body: LoginBodySchema, response: { 200: UserResponseSchema, ...errors } },
    handler: async (request, reply) => {
      const { token, viewer } = await auth.login(request.body, request.ip, cookies.read(request));
      cookies.set(reply, token);
      return { user: presentUser(viewer) };
    },
  });

  app.post('/api/auth/logout', {
    schema: {
      tags,
      summary: 'Log out: deletes the session and disconnects its sockets',
      response: { 204: z.null(), 401: ErrorBodySchema, 403: ErrorBodySchema },
    },
    handler: async (request, reply) => {
      requireViewer(request);
      const token = cookies.read(request);
      if (token) await auth.logout(token);
      cookies.clear(reply);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/auth/me', {
    schema: { tags, summary: 'The logged-in user', response: { 200: UserResponseSchema, 401: ErrorBodySchema } },
    handler: async (request) => ({ user: presentUser(requireViewer(request)) }),
  });
};
