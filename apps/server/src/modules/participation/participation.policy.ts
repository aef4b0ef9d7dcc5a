import type { EventRow } from '../../db/schema';
import type { Viewer } from '../auth';

/**
 * Anyone logged in takes seats, organizers at other organizers' events too, but never at their
 * own event (docs/product.md §1): the join statement itself refuses its organizer. Who is going:
 * the event's organizer sees everyone, joined and waiting (eventPolicy.manage); anyone else logged
 * in sees who is joined while the organizer shows the list, and nothing when they hide it.
 */
export const participationPolicy = {
  join: (viewer: Pick<Viewer, 'id'>, event: Pick<EventRow, 'organizerId'>) => viewer.id !== event.organizerId,
  seeGuestList: (_viewer: Viewer, event: Pick<EventRow, 'attendeesVisible'>) => event.attendeesVisible,
};
