import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { removeCachedEvent } from '../../../lib/event-cache';

export const deleteEvent = (id: string) => api<void>('DELETE', `/api/events/${encodeURIComponent(id)}`);

export function useDeleteEvent() {
  const client = useQueryClient();
  return useMutation({ mutationFn: deleteEvent, onSuccess: (_, id) => removeCachedEvent(client, id) });
}
