import { ErrorBodySchema, LoginBodySchema, MeResponseSchema, RegisterBodySchema } from '@turnout/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireViewer, type SessionCookies } from '../../plugins/session';
import { presentMe } from './auth.presenter';
import type { AuthService } from './auth.service';

const tags = ['auth'];
const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 409: ErrorBodySchema, 429: ErrorBodySchema };

export const authRoutes: FastifyPluginAsyncZod<{ auth: AuthService; cookies: SessionCookies }> = async (app, { auth, cookies }) => {
  app.post('/api/auth/register', {
    schema: { tags, summary: 'Create an account and log in', body: RegisterBodySchema, response: { 201: MeResponseSchema, ...errors } },
    handler: async (request, reply) => {
      const client = { address: request.ip, userAgent: request.headers['user-agent'] };
      const { token, viewer, account } = await auth.register(request.body, client);
      cookies.set(reply, token);
      return reply.status(201).send(presentMe(viewer, account));
    },
  });

  app.post('/api/auth/login', {
    schema: {
      tags,
      summary: 'Log in (rotates the session); with two-factor on, 401 totp_required until `totp` is given',
      body: LoginBodySchema,
      response: { 200: MeResponseSchema, ...errors },
    },
    handler: async (request, reply) => {
      const client = { address: request.ip, userAgent: request.headers['user-agent'] };
      const { token, viewer, account } = await auth.login(request.body, client, cookies.read(request));
      cookies.set(reply, token);
      return presentMe(viewer, account);
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
    schema: { tags, summary: 'The logged-in user and their account', response: { 200: MeResponseSchema, 401: ErrorBodySchema } },
    handler: async (request) => {
      const viewer = requireViewer(request);
      return presentMe(viewer, await auth.account(viewer));
    },
  });
};
