import type { FastifyRequest } from 'fastify';
import type { EventRow } from '../../db/schema';
import { forbidden } from '../../http/errors';
import { requireViewer } from '../../plugins/session';
import type { Viewer } from '../auth/auth.service';

/** Who may do what with events: role rules apply before the event is read, ownership rules after. */
export const eventPolicy = {
  create: (viewer: Viewer) => viewer.role === 'organizer',
  read: (_viewer: Viewer) => true,
  /** Edit, delete and see the attendee list: only the event's organizer. */
  manage: (viewer: Viewer, event: Pick<EventRow, 'organizerId'>) => viewer.id === event.organizerId,
};

export function assertCanManage(viewer: Viewer, event: Pick<EventRow, 'organizerId'>): void {
  if (!eventPolicy.manage(viewer, event)) throw forbidden('Only the organizer of this event can do that.');
}

/**
 * A route hook that answers 401 for anonymous requests and 403 for viewers the rule refuses,
 * before the request's body or params are validated.
 */
export const viewerMay =
  (rule: (viewer: Viewer) => boolean, message = 'You are not allowed to do that.') =>
  async (request: FastifyRequest): Promise<void> => {
    if (!rule(requireViewer(request))) throw forbidden(message);
  };
