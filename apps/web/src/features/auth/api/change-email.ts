import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChangeEmailBody } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/**
 * Sets the account's address, unverified until its link is opened; the same address again sends
 * a new verification link.
 */
export const changeEmail = (body: ChangeEmailBody) => api<void>('POST', '/api/auth/email', body);

export function useChangeEmail() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: changeEmail,
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.account }),
  });
}
