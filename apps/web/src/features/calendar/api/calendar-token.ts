import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarTokenResponse } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export const getCalendarToken = (signal?: AbortSignal) => api<CalendarTokenResponse>('GET', '/api/calendar/token', undefined, signal);
export const rotateCalendarToken = () => api<CalendarTokenResponse>('POST', '/api/calendar/token');

/** The personal feed's path; fetched only when asked for (`enabled`). */
export const useCalendarToken = (enabled: boolean) =>
  useQuery({
    queryKey: queryKeys.calendarToken,
    queryFn: ({ signal }) => getCalendarToken(signal),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });

/** A new feed link; the old one stops working. */
export function useRotateCalendarToken() {
  const client = useQueryClient();
  return useMutation({ mutationFn: rotateCalendarToken, onSuccess: (data) => client.setQueryData(queryKeys.calendarToken, data) });
}
