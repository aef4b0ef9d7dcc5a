import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ErrorCode, type EventResponse, type EventUpdate, type EventView, type User } from '@turnout/contracts';
import { ApiError, api } from '../../../lib/api-client';
import { applyEventView, placeChangedEvent } from '../../../lib/event-cache';
import { queryKeys } from '../../../lib/query-keys';
import { sameEditableFields } from '../components/event-form-values';
import { getEvent } from './get-event';

export const updateEvent = async ({ id, changes }: { id: string; changes: EventUpdate }) =>
  (await api<EventResponse>('PATCH', `/api/events/${encodeURIComponent(id)}`, changes)).event;

/** How often an edit is re-sent on a newer version while joins keep bumping it. */
const REBASE_ATTEMPTS = 3;

/**
 * Sends `changes`, made on `base`. Joins and leaves bump an event's version as well, so a save can
 * be refused as stale although nobody touched what the organizer edits: then the edit is sent
 * again on the latest version (`readLatest`), as long as the event's editable fields are still
 * those of `base`. A real conflict, an edit by someone else, is refused as before.
 */
export async function updateEventOnBase(
  { id, base, changes }: { id: string; base: EventView; changes: EventUpdate },
  readLatest: () => Promise<EventView | undefined>,
): Promise<EventView> {
  let attempt = changes;
  for (let tries = 0; ; tries++) {
    try {
      return await updateEvent({ id, changes: attempt });
    } catch (error) {
      if (!(error instanceof ApiError && error.code === ErrorCode.staleVersion) || tries >= REBASE_ATTEMPTS) throw error;
      const latest = await readLatest();
      if (!latest || !sameEditableFields(base, latest)) throw error;
      attempt = { ...changes, version: latest.version };
    }
  }
}

export function useUpdateEvent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, base, changes }: { id: string; base: EventView; changes: EventUpdate }) =>
      updateEventOnBase({ id, base, changes }, () => getEvent(id)),
    onSuccess: (event) => {
      applyEventView(client, event);
      // A new time, title or place may move the event in the lists, or out of a filtered one.
      const viewer = client.getQueryData<User | null>(queryKeys.me);
      if (viewer) placeChangedEvent(client, event, viewer.id);
    },
  });
}
