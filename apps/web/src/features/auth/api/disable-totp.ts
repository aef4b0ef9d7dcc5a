import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Account, TotpDisableBody } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** Turns two-factor sign-in off (403 `wrong_password` when the password is wrong). */
export const disableTotp = (body: TotpDisableBody) => api<void>('POST', '/api/auth/totp/disable', body);

export function useDisableTotp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: disableTotp,
    onSuccess: () => client.setQueryData<Account>(queryKeys.account, (account) => account && { ...account, totpEnabled: false }),
  });
}
