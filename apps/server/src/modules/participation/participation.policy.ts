import type { EventRow } from '../../db/schema';
import type { Viewer } from '../auth';

/**
 * Only joiners take seats; organizers run events and never join them. Who is going: the event's
 * organizer sees everyone, joined and waiting (eventPolicy.manage); anyone else logged in sees
 * who is joined while the organizer shows the list, and nothing when they hide it.
 */
export const participationPolicy = {
  join: (viewer: Viewer) => viewer.role === 'joiner',
  leave: (viewer: Viewer) => viewer.role === 'joiner',
  seeGuestList: (_viewer: Viewer, event: Pick<EventRow, 'attendeesVisible'>) => event.attendeesVisible,
};
