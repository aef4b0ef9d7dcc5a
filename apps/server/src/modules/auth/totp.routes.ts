import {
  ErrorBodySchema,
  TotpDisableBodySchema,
  TotpEnableBodySchema,
  TotpEnableResponseSchema,
  TotpSetupResponseSchema,
} from '@turnout/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { WriteLimits } from '../../plugins/rate-limits';
import { requireViewer } from '../../plugins/session';
import type { TotpService } from './totp.service';

const tags = ['auth'];
const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  429: ErrorBodySchema,
};

export const totpRoutes: FastifyPluginAsyncZod<{ totp: TotpService; limits: WriteLimits }> = async (app, { totp, limits }) => {
  app.post('/api/auth/totp/setup', {
    schema: {
      tags,
      summary: 'Start two-factor setup: a new secret, not on until confirmed',
      response: { 200: TotpSetupResponseSchema, ...errors },
    },
    preHandler: limits.write,
    handler: async (request) => totp.setup(requireViewer(request)),
  });

  app.post('/api/auth/totp/enable', {
    schema: {
      tags,
      summary: 'Confirm setup with a code: two-factor is on; the recovery codes are shown this once',
      body: TotpEnableBodySchema,
      response: { 200: TotpEnableResponseSchema, ...errors },
    },
    preHandler: limits.write,
    handler: async (request) => totp.enable(requireViewer(request), request.body.code),
  });

  app.post('/api/auth/totp/disable', {
    schema: {
      tags,
      summary: 'Turn two-factor sign-in off (needs the password)',
      body: TotpDisableBodySchema,
      response: { 204: z.null(), ...errors },
    },
    preHandler: limits.write,
    handler: async (request, reply) => {
      await totp.disable(requireViewer(request), request.body.password, request.ip);
      return reply.status(204).send(null);
    },
  });
};
