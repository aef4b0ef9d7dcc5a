import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EventResponse, EventUpdate } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { applyEventView } from '../../../lib/event-cache';

export const updateEvent = async ({ id, changes }: { id: string; changes: EventUpdate }) =>
  (await api<EventResponse>('PATCH', `/api/events/${encodeURIComponent(id)}`, changes)).event;

export function useUpdateEvent() {
  const client = useQueryClient();
  return useMutation({ mutationFn: updateEvent, onSuccess: (event) => applyEventView(client, event) });
}
