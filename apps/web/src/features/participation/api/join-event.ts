import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EventView, JoinResponse, Participation } from '@turnout/contracts';
import { seatFor } from '@turnout/domain';
import { api, errorMessage } from '../../../lib/api-client';
import { applyEventView, setMyParticipation } from '../../../lib/event-cache';
import { showToast } from '../../../lib/toasts';

export const joinEvent = (id: string) => api<JoinResponse>('PUT', `/api/events/${encodeURIComponent(id)}/participation`);

/** Joins at once on screen (a seat, or the waitlist when full); rolls back with a message if refused. */
export function useJoinEvent() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ['participation'],
    mutationFn: (event: EventView) => joinEvent(event.id),
    onMutate: (event): { previous: Participation | null } => {
      // The server decides by the same seating rule; its answer replaces this guess.
      const optimistic: Participation = { status: seatFor(event) };
      setMyParticipation(client, event.id, optimistic);
      return { previous: event.myParticipation };
    },
    onError: (error, event, context) => {
      setMyParticipation(client, event.id, context?.previous ?? null);
      showToast({ tone: 'error', title: `Could not join “${event.title}”`, body: errorMessage(error) });
    },
    onSuccess: ({ event, participation }) => applyEventView(client, { ...event, myParticipation: participation }),
  });
}
