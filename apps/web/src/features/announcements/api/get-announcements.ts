import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AnnouncementListResponse } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export const getAnnouncements = (eventId: string, signal?: AbortSignal) =>
  api<AnnouncementListResponse>('GET', `/api/events/${encodeURIComponent(eventId)}/announcements`, undefined, signal);

/**
 * An event's updates, newest first, as this viewer may read them (the organizer all of them, an
 * attendee those addressed to them). A live `announcement` notification invalidates the key.
 */
export const announcementsQueryOptions = (eventId: string) =>
  queryOptions({ queryKey: queryKeys.announcements(eventId), queryFn: ({ signal }) => getAnnouncements(eventId, signal) });

/** Fetched only for those who may read them (`enabled`): anyone else would only be refused. */
export const useAnnouncements = (eventId: string, enabled: boolean) => useQuery({ ...announcementsQueryOptions(eventId), enabled });
