import { useQueryClient } from '@tanstack/react-query';
import type { RealtimeEventName, User } from '@turnout/contracts';
import { useEffect, useSyncExternalStore } from 'react';
import { meQueryOptions } from '../../features/auth/api/get-me';
import { notificationToast } from '../../features/notifications/lib/notification-kinds';
import { queryKeys } from '../../lib/query-keys';
import { connectSocket, disconnectSocket, socketStatus } from '../../lib/socket';
import { showToast } from '../../lib/toasts';
import { createRealtimeHandlers } from './realtime-handlers';

/**
 * Connects the tab's socket for a logged-in viewer and writes every server event into the cache.
 * A reconnect that Socket.IO could not recover (missed events) refetches the active queries.
 */
export function useRealtime(viewer: User): void {
  const client = useQueryClient();
  useEffect(() => {
    const socket = connectSocket();
    const openedAt = Date.now();
    let connectedBefore = false;
    const handlers = createRealtimeHandlers(client, {
      viewerId: viewer.id,
      onNotification: (notification) => showToast(notificationToast(notification)),
    });
    const names = Object.keys(handlers) as RealtimeEventName[];
    for (const name of names) socket.on(name, handlers[name] as never);

    const checkSession = async () => {
      const user = await client.fetchQuery({ ...meQueryOptions, staleTime: 0 }).catch(() => undefined);
      // Still logged in (e.g. the server restarted): connect again. Logged out: the shell redirects.
      if (user && !socket.active) socket.connect();
    };
    socket.on('connect', () => {
      if (!socket.recovered) {
        // Data loaded before this connection may have missed broadcasts: resynchronise it.
        void client.invalidateQueries({
          predicate: (query) => query.queryKey !== queryKeys.me && (connectedBefore || query.state.dataUpdatedAt < openedAt),
        });
      }
      connectedBefore = true;
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io server disconnect') void checkSession();
    });
    socket.on('connect_error', () => {
      if (!socket.active) void checkSession();
    });
    return () => disconnectSocket();
  }, [client, viewer.id]);
}

/** True while the socket is down after having been up (or failing to come up). */
export function useReconnecting(): boolean {
  return useSyncExternalStore(socketStatus.subscribe, socketStatus.get, socketStatus.get) === 'reconnecting';
}
