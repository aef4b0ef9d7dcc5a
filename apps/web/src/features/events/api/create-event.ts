import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EventCreateInput, EventResponse, User } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { insertCreatedEvent } from '../../../lib/event-cache';
import { queryKeys } from '../../../lib/query-keys';

export const createEvent = async (body: EventCreateInput) => (await api<EventResponse>('POST', '/api/events', body)).event;

export function useCreateEvent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createEvent,
    onSuccess: (event) => {
      client.setQueryData(queryKeys.event(event.id), event);
      const viewer = client.getQueryData<User | null>(queryKeys.me);
      if (viewer) insertCreatedEvent(client, event, viewer.id);
    },
  });
}
