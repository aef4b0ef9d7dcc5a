import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChangePasswordBody } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** Changes the password (403 `wrong_password` when the current one is wrong); the other sessions end. */
export const changePassword = (body: ChangePasswordBody) => api<void>('POST', '/api/auth/password', body);

export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.sessions }),
  });
}
