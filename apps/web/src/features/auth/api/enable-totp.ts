import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Account, TotpEnableBody, TotpEnableResponse } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** Confirms the authenticator with one of its codes; the answer holds the recovery codes, shown only now. */
export const enableTotp = (body: TotpEnableBody) => api<TotpEnableResponse>('POST', '/api/auth/totp/enable', body);

export function useEnableTotp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: enableTotp,
    onSuccess: () => client.setQueryData<Account>(queryKeys.account, (account) => account && { ...account, totpEnabled: true }),
  });
}
