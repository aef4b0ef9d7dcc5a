import { queryOptions, useQuery } from '@tanstack/react-query';
import type { User, UserResponse } from '@turnout/contracts';
import { api, isApiError } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** The logged-in user, or null when there is no session. */
export async function getMe(signal?: AbortSignal): Promise<User | null> {
  try {
    return (await api<UserResponse>('GET', '/api/auth/me', undefined, signal)).user;
  } catch (error) {
    if (isApiError(error, 401)) return null;
    throw error;
  }
}

export const meQueryOptions = queryOptions({
  queryKey: queryKeys.me,
  queryFn: ({ signal }) => getMe(signal),
  staleTime: Number.POSITIVE_INFINITY,
});

/** The viewer: a user, null when logged out, undefined while unknown. */
export function useViewer(): User | null | undefined {
  return useQuery(meQueryOptions).data;
}
