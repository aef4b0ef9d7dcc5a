import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UnsubscribeResponse } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** A mail's unsubscribe link: the token goes in the path of a POST, never in a query string; no login needed. */
export const unsubscribe = (token: string) => api<UnsubscribeResponse>('POST', `/api/unsubscribe/${encodeURIComponent(token)}`);

export function useUnsubscribe() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: unsubscribe,
    // Signed in on this tab: the settings show the kind turned off.
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.preferences, exact: true }),
  });
}
