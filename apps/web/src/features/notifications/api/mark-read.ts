import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { NotificationListResponse, NotificationReadBody, NotificationReadResponse } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export const markRead = (body: NotificationReadBody) => api<NotificationReadResponse>('POST', '/api/notifications/read', body);

/** Marks the given notifications (all without ids) read, in the cache at once. */
export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: markRead,
    onMutate: ({ ids }) => {
      const now = new Date().toISOString();
      client.setQueryData<NotificationListResponse>(queryKeys.notifications, (old) => {
        if (!old) return old;
        let marked = 0;
        const items = old.items.map((item) => {
          if (item.readAt !== null || (ids && !ids.includes(item.id))) return item;
          marked += 1;
          return { ...item, readAt: now };
        });
        return { items, unreadCount: ids ? Math.max(0, old.unreadCount - marked) : 0 };
      });
    },
    onSuccess: ({ unreadCount }) =>
      client.setQueryData<NotificationListResponse>(queryKeys.notifications, (old) => (old ? { ...old, unreadCount } : old)),
  });
}
