import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Account, MeResponse } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/**
 * The signed-in owner's own account facts (address, verified, two-factor). Usually already in the
 * cache from the /me answer that identified the viewer; fetched again after a change.
 */
export const accountQueryOptions = queryOptions({
  queryKey: queryKeys.account,
  queryFn: async ({ signal, client }): Promise<Account> => {
    const me = await api<MeResponse>('GET', '/api/auth/me', undefined, signal);
    client.setQueryData(queryKeys.me, me.user);
    return me.account;
  },
  staleTime: Number.POSITIVE_INFINITY,
});

export const useAccount = () => useQuery(accountQueryOptions);
