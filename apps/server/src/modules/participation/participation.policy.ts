import type { Viewer } from '../auth';

/** Only joiners take seats; organizers run events and never join them. Attendee lists are the owner's (eventPolicy.manage). */
export const participationPolicy = {
  join: (viewer: Viewer) => viewer.role === 'joiner',
  leave: (viewer: Viewer) => viewer.role === 'joiner',
};
