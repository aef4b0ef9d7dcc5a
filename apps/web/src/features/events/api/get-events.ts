import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { EventListResponse } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { type EventListFilters, queryKeys } from '../../../lib/query-keys';

export const EVENT_PAGE_SIZE = 20;

export function getEvents(filters: EventListFilters, cursor: string | null, signal?: AbortSignal): Promise<EventListResponse> {
  const params = new URLSearchParams({ when: filters.when, limit: String(EVENT_PAGE_SIZE) });
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.mine) params.set('mine', '1');
  if (filters.joined) params.set('joined', '1');
  if (cursor) params.set('cursor', cursor);
  return api<EventListResponse>('GET', `/api/events?${params}`, undefined, signal);
}

export const eventListQueryOptions = (filters: EventListFilters) =>
  infiniteQueryOptions({
    queryKey: queryKeys.eventList(filters),
    queryFn: ({ pageParam, signal }) => getEvents(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const useEvents = (filters: EventListFilters) => useInfiniteQuery(eventListQueryOptions(filters));
