import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Session } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { disconnectSocket } from '../../../lib/socket';
import { resetSessionCache } from './session-cache';

/** Ends one session (its sockets are disconnected by the server). */
export const revokeSession = (id: string) => api<void>('DELETE', `/api/auth/sessions/${encodeURIComponent(id)}`);

export function useRevokeSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (session: Session) => revokeSession(session.id),
    onSuccess: (_, session) => {
      if (session.current) {
        // This tab's own session: it is signed out here too, like a logout.
        disconnectSocket();
        resetSessionCache(client, null);
        return;
      }
      client.setQueryData<Session[]>(queryKeys.sessions, (sessions) => sessions?.filter((s) => s.id !== session.id));
    },
  });
}
