import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EventResponse } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { applyEventView } from '../../../lib/event-cache';

export const removeCover = async (eventId: string) =>
  (await api<EventResponse>('DELETE', `/api/events/${encodeURIComponent(eventId)}/cover`)).event;

export function useRemoveCover() {
  const client = useQueryClient();
  return useMutation({ mutationFn: removeCover, onSuccess: (event) => applyEventView(client, event) });
}
