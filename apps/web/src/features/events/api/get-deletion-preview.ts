import { queryOptions, useQuery } from '@tanstack/react-query';
import type { EventDeletionPreview } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export const getDeletionPreview = (id: string, signal?: AbortSignal) =>
  api<EventDeletionPreview>('GET', `/api/events/${encodeURIComponent(id)}/deletion`, undefined, signal);

/** Asked afresh each time the confirmation opens: people join and leave meanwhile. */
export const deletionPreviewQueryOptions = (id: string) =>
  queryOptions({ queryKey: queryKeys.deletionPreview(id), queryFn: ({ signal }) => getDeletionPreview(id, signal), staleTime: 0 });

/** How many people deleting the event would tell (its owner only); fetched while `enabled`. */
export const useDeletionPreview = (id: string, enabled: boolean) => useQuery({ ...deletionPreviewQueryOptions(id), enabled });
