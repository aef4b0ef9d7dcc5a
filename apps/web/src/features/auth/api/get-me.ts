import { queryOptions, useQuery } from '@tanstack/react-query';
import type { MeResponse, User } from '@turnout/contracts';
// The cookie's name alone: the package's index would bring zod into the first load.
import { SIGNED_IN_COOKIE } from '@turnout/contracts/cookies';
import { api, isApiError } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/**
 * Whether the server's signed-in hint is among the page's cookies. The session cookie itself is
 * HttpOnly; the server sets and clears the hint with it, so without the hint nobody is logged in.
 */
export function hasSignedInHint(cookies = document.cookie): boolean {
  return cookies.split(';').some((pair) => {
    const cookie = pair.trim();
    return cookie === `${SIGNED_IN_COOKIE}=1` || cookie === `__Host-${SIGNED_IN_COOKIE}=1`;
  });
}

/** The logged-in user and their account, or null when there is no session (known at once when the hint is missing). */
export async function getMe(signal?: AbortSignal): Promise<MeResponse | null> {
  if (!hasSignedInHint()) return null;
  try {
    return await api<MeResponse>('GET', '/api/auth/me', undefined, signal);
  } catch (error) {
    if (isApiError(error, 401)) return null;
    throw error;
  }
}

/**
 * The viewer (`User | null`) under `queryKeys.me`, which every feature reads. The same answer
 * carries the account, which goes to its own key for the pages that show it.
 */
export const meQueryOptions = queryOptions({
  queryKey: queryKeys.me,
  queryFn: async ({ signal, client }) => {
    const me = await getMe(signal);
    if (me) client.setQueryData(queryKeys.account, me.account);
    else client.removeQueries({ queryKey: queryKeys.account });
    return me?.user ?? null;
  },
  staleTime: Number.POSITIVE_INFINITY,
});

/** The viewer: a user, null when logged out, undefined while unknown. */
export function useViewer(): User | null | undefined {
  return useQuery(meQueryOptions).data;
}
