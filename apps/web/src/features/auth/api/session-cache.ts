import type { QueryClient } from '@tanstack/react-query';
import type { Account, User } from '@turnout/contracts';
import { queryKeys } from '../../../lib/query-keys';
import { clearToasts } from '../../../lib/toasts';

/**
 * Starts the cache over for a new viewer (or none): the viewer is written first so the shells
 * observing it react, then everything cached for the previous session is dropped, and the new
 * viewer's account (when the answer carried it) is kept. The previous session's toasts go too.
 */
export function resetSessionCache(client: QueryClient, me: { user: User; account?: Account } | null): void {
  clearToasts();
  client.setQueryData(queryKeys.me, me?.user ?? null);
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me[0] });
  if (me?.account) client.setQueryData(queryKeys.account, me.account);
}
