import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { disconnectSocket } from '../../../lib/socket';
import { resetSessionCache } from './session-cache';

export const logout = () => api<void>('POST', '/api/auth/logout');

/** Logs out: the server deletes the session; this tab drops its socket and everything cached. */
export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      disconnectSocket();
      resetSessionCache(client, null);
    },
  });
}
