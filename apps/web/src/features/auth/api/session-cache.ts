import type { QueryClient } from '@tanstack/react-query';
import type { User } from '@turnout/contracts';
import { queryKeys } from '../../../lib/query-keys';

/**
 * Starts the cache over for a new viewer (or none): the viewer is written first so the shells
 * observing it react, then everything cached for the previous session is dropped.
 */
export function resetSessionCache(client: QueryClient, viewer: User | null): void {
  client.setQueryData(queryKeys.me, viewer);
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me[0] });
}
