import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { disconnectSocket } from '../../../lib/socket';

export const logout = () => api<void>('POST', '/api/auth/logout');

/** Logs out: the server deletes the session; this tab drops its socket and everything cached. */
export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      disconnectSocket();
      client.clear();
      client.setQueryData(queryKeys.me, null);
    },
  });
}
