import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Session, SessionListResponse } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export const getSessions = async (signal?: AbortSignal): Promise<Session[]> =>
  (await api<SessionListResponse>('GET', '/api/auth/sessions', undefined, signal)).sessions;

export const sessionsQueryOptions = queryOptions({
  queryKey: queryKeys.sessions,
  queryFn: ({ signal }) => getSessions(signal),
  staleTime: 0,
});

export const useSessions = () => useQuery(sessionsQueryOptions);
