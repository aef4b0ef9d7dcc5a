import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { VerifyEmailBody } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { accountQueryOptions } from './get-account';

/** Confirms an address with the token of its verification link; needs no session. */
export const verifyEmail = (body: VerifyEmailBody) => api<void>('POST', '/api/auth/email/verify', body);

export function useVerifyEmail() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: verifyEmail,
    onSuccess: async () => {
      // A signed-in owner's account now shows the address as verified.
      if (client.getQueryData(queryKeys.me)) await client.fetchQuery({ ...accountQueryOptions, staleTime: 0 }).catch(() => undefined);
    },
  });
}
