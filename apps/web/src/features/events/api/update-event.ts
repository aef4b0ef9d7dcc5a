import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EventResponse, EventUpdate, User } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { applyEventView, placeChangedEvent } from '../../../lib/event-cache';
import { queryKeys } from '../../../lib/query-keys';

export const updateEvent = async ({ id, changes }: { id: string; changes: EventUpdate }) =>
  (await api<EventResponse>('PATCH', `/api/events/${encodeURIComponent(id)}`, changes)).event;

export function useUpdateEvent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: updateEvent,
    onSuccess: (event) => {
      applyEventView(client, event);
      // A new time, title or place may move the event in the lists, or out of a filtered one.
      const viewer = client.getQueryData<User | null>(queryKeys.me);
      if (viewer) placeChangedEvent(client, event, viewer.id);
    },
  });
}
