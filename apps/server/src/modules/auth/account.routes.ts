import {
  ChangeEmailBodySchema,
  ChangePasswordBodySchema,
  ErrorBodySchema,
  ForgotPasswordBodySchema,
  ResetPasswordBodySchema,
  VerifyEmailBodySchema,
} from '@turnout/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { WriteLimits } from '../../plugins/rate-limits';
import { requireViewer } from '../../plugins/session';
import type { AccountService } from './account.service';

const tags = ['auth'];
const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 409: ErrorBodySchema, 429: ErrorBodySchema };
const noContent = { 204: z.null(), ...errors };

export const accountRoutes: FastifyPluginAsyncZod<{ account: AccountService; limits: WriteLimits }> = async (app, { account, limits }) => {
  app.post('/api/auth/email', {
    schema: {
      tags,
      summary: 'Change the address (unverified until its link is followed), or send the link again for the same one',
      body: ChangeEmailBodySchema,
      response: noContent,
    },
    preHandler: limits.write,
    handler: async (request, reply) => {
      await account.changeEmail(requireViewer(request), request.body.email);
      return reply.status(204).send(null);
    },
  });

  app.post('/api/auth/email/verify', {
    schema: { tags, summary: "Confirm an address with its mail's token", body: VerifyEmailBodySchema, response: noContent },
    handler: async (request, reply) => {
      await account.verifyEmail(request.body.token);
      return reply.status(204).send(null);
    },
  });

  app.post('/api/auth/password/forgot', {
    schema: {
      tags,
      summary: 'Mail a password-reset link; 202 whether or not the address belongs to an account',
      body: ForgotPasswordBodySchema,
      response: { 202: z.undefined().describe('No body'), ...errors },
    },
    handler: async (request, reply) => {
      await account.forgotPassword(request.body.email, request.ip);
      return reply.status(202).send();
    },
  });

  app.post('/api/auth/password/reset', {
    schema: {
      tags,
      summary: "Set a new password with a reset mail's token; every session ends",
      body: ResetPasswordBodySchema,
      response: noContent,
    },
    handler: async (request, reply) => {
      await account.resetPassword(request.body, request.ip);
      return reply.status(204).send(null);
    },
  });

  app.post('/api/auth/password', {
    schema: { tags, summary: 'Change the password; the other sessions end', body: ChangePasswordBodySchema, response: noContent },
    preHandler: limits.write,
    handler: async (request, reply) => {
      await account.changePassword(requireViewer(request), request.body, request.ip);
      return reply.status(204).send(null);
    },
  });
};
