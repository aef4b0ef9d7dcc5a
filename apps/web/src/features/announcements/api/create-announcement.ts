import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Announcement, AnnouncementCreate, AnnouncementListResponse, AnnouncementResponse } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export const createAnnouncement = async (eventId: string, body: AnnouncementCreate): Promise<Announcement> =>
  (await api<AnnouncementResponse>('POST', `/api/events/${encodeURIComponent(eventId)}/announcements`, body)).announcement;

/** Posts an update; the organizer's own feed shows it at once (they get no notification of it). */
export function useCreateAnnouncement(eventId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AnnouncementCreate) => createAnnouncement(eventId, body),
    onSuccess: (announcement) => {
      const key = queryKeys.announcements(eventId);
      if (!client.getQueryData<AnnouncementListResponse>(key)) return void client.invalidateQueries({ queryKey: key });
      client.setQueryData<AnnouncementListResponse>(key, (old) =>
        old ? { items: [announcement, ...old.items.filter((item) => item.id !== announcement.id)] } : old,
      );
    },
  });
}
