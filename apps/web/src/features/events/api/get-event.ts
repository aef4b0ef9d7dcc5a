import { queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import type { EventResponse, EventView } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export const getEvent = async (id: string, signal?: AbortSignal): Promise<EventView> =>
  (await api<EventResponse>('GET', `/api/events/${encodeURIComponent(id)}`, undefined, signal)).event;

export const eventQueryOptions = (id: string) =>
  queryOptions({ queryKey: queryKeys.event(id), queryFn: ({ signal }) => getEvent(id, signal) });

export const useEvent = (id: string) => useQuery(eventQueryOptions(id));

/** True once a broadcast said the event was deleted (written by the realtime layer, never fetched). */
export const useEventDeleted = (id: string): boolean =>
  useQuery<boolean>({ queryKey: queryKeys.eventDeleted(id), queryFn: skipToken }).data === true;
