import { useQuery } from '@tanstack/react-query';
import type { NotificationListResponse } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export const getNotifications = (signal?: AbortSignal) => api<NotificationListResponse>('GET', '/api/notifications', undefined, signal);

/** The persisted list and unread count; live `notification` events prepend to it. */
export const useNotifications = () =>
  useQuery({ queryKey: queryKeys.notifications, queryFn: ({ signal }) => getNotifications(signal), staleTime: Number.POSITIVE_INFINITY });
