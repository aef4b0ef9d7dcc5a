import type { AttendeesResponse } from '@turnout/contracts';
import { imageUrl } from '../images/image-url';
import type { AttendeeList } from './participation.repository';

/** Splits arrival-ordered rows into the seated list and the waitlist with 1-based positions: the organizer's view. */
export function presentAttendees({ version, rows }: AttendeeList): AttendeesResponse {
  const result: AttendeesResponse = { version, joined: [], waitlisted: [] };
  for (const row of rows) {
    const attendee = {
      userId: row.userId,
      name: row.name,
      avatarUrl: row.avatarId === null ? null : imageUrl(row.avatarId),
      since: row.statusAt,
    };
    if (row.status === 'joined') result.joined.push(attendee);
    else result.waitlisted.push({ ...attendee, position: result.waitlisted.length + 1 });
  }
  return result;
}

/** Who is going, as anyone else may see it: the seated list only, never who waits. */
export const presentGuestList = (list: AttendeeList): AttendeesResponse => ({ ...presentAttendees(list), waitlisted: [] });
