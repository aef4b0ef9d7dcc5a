import { QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-client';
import { queryKeys } from './query-keys';

/**
 * The app's cache. Sockets keep it fresh, so data is not refetched on focus; a 401 anywhere
 * means the session ended, which logs the tab out (the viewer becomes null).
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isApiError(error, 401) && query.queryKey !== queryKeys.me) client.setQueryData(queryKeys.me, null);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) => !isApiError(error) || (error.status >= 500 && failures < 2),
      },
      mutations: { retry: false },
    },
  });
  return client;
}
