import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EventResponse } from '@turnout/contracts';
import { apiUpload } from '../../../lib/api-client';
import { applyEventView } from '../../../lib/event-cache';
import { type CropArea, imageUploadForm } from '../../../lib/image-upload';

type UploadCover = { eventId: string; file: File; crop: CropArea };

/** Sets the event's cover: the server crops, resizes to COVER_WIDTH × COVER_HEIGHT and re-encodes it. */
export const uploadCover = async ({ eventId, file, crop }: UploadCover) =>
  (await apiUpload<EventResponse>('PUT', `/api/events/${encodeURIComponent(eventId)}/cover`, imageUploadForm(file, crop))).event;

/** The organizer's page shows the new cover at once; other screens get it with `event:updated`. */
export function useUploadCover() {
  const client = useQueryClient();
  return useMutation({ mutationFn: uploadCover, onSuccess: (event) => applyEventView(client, event) });
}
