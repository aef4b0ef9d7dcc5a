import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EventView, LeaveResponse, Participation } from '@turnout/contracts';
import { api, errorMessage } from '../../../lib/api-client';
import { applyEventView, setMyParticipation, updateCachedEvent } from '../../../lib/event-cache';
import { showToast } from '../../../lib/toasts';

export const leaveEvent = (id: string) => api<LeaveResponse>('DELETE', `/api/events/${encodeURIComponent(id)}/participation`);

/** Leaves at once on screen; rolls back with a message if refused. */
export function useLeaveEvent() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ['participation'],
    mutationFn: (event: EventView) => leaveEvent(event.id),
    onMutate: (event): { previous: Participation | null; onlineUrl: string | null } => {
      setMyParticipation(client, event.id, null);
      return { previous: event.myParticipation, onlineUrl: event.onlineUrl };
    },
    onError: (error, event, context) => {
      // Still in: their participation and the join link that went with it come back.
      updateCachedEvent(client, event.id, (current) => ({
        ...current,
        myParticipation: context?.previous ?? null,
        onlineUrl: context?.onlineUrl ?? null,
      }));
      showToast({ tone: 'error', title: `Could not leave “${event.title}”`, body: errorMessage(error) });
    },
    onSuccess: ({ event }) => applyEventView(client, { ...event, myParticipation: null }),
  });
}
