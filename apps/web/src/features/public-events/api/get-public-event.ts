import { useQuery } from '@tanstack/react-query';
import type { PublicEventResponse } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export const getPublicEvent = (id: string, signal?: AbortSignal) =>
  api<PublicEventResponse>('GET', `/api/public/events/${encodeURIComponent(id)}`, undefined, signal);

/** A shared link's event, readable without a login. */
export const usePublicEvent = (id: string) =>
  useQuery({ queryKey: queryKeys.publicEvent(id), queryFn: async ({ signal }) => (await getPublicEvent(id, signal)).event });
