import { useQuery } from '@tanstack/react-query';
import type { AttendeesResponse } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export const getAttendees = (id: string, signal?: AbortSignal) =>
  api<AttendeesResponse>('GET', `/api/events/${encodeURIComponent(id)}/attendees`, undefined, signal);

/** The owner's live attendee and waitlist lists; `attendees:changed` replaces them in place. */
export const useAttendees = (id: string) =>
  useQuery({ queryKey: queryKeys.attendees(id), queryFn: ({ signal }) => getAttendees(id, signal) });
