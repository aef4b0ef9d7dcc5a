import type { FastifyRequest } from 'fastify';
import type { Viewer } from '../modules/auth';
import { requireViewer } from '../plugins/session';
import { forbidden } from './errors';

/**
 * A route hook that answers 401 for anonymous requests and 403 for viewers the rule refuses,
 * before the request's body or params are validated. Rules are a module's policy functions.
 */
export const viewerMay =
  (rule: (viewer: Viewer) => boolean, message = 'You are not allowed to do that.') =>
  async (request: FastifyRequest): Promise<void> => {
    if (!rule(requireViewer(request))) throw forbidden(message);
  };
