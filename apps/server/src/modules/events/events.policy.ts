import type { EventRow } from '../../db/schema';
import { forbidden } from '../../http/errors';
import type { Viewer } from '../auth';

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
