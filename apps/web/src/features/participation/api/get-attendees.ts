import { useQuery } from '@tanstack/react-query';
import type { AttendeesResponse } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export const getAttendees = (id: string, signal?: AbortSignal) =>
  api<AttendeesResponse>('GET', `/api/events/${encodeURIComponent(id)}/attendees`, undefined, signal);

/**
 * Who is going (and, for the owner, who waits). The owner's lists are replaced in place by
 * `attendees:changed`; other viewers read the joined list only, while the organizer shows it
 * (`enabled` off when it is hidden: the server would refuse).
 */
export const useAttendees = (id: string, { enabled = true }: { enabled?: boolean } = {}) =>
  useQuery({ queryKey: queryKeys.attendees(id), queryFn: ({ signal }) => getAttendees(id, signal), enabled });
