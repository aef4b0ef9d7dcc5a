import { skipToken, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { queryKeys } from '../../../lib/query-keys';
import { watchPresence } from '../../../lib/socket';

/** Watches an event page while mounted; the live number of viewers comes from `presence:changed`. */
export function usePresence(eventId: string): number | undefined {
  useEffect(() => watchPresence(eventId), [eventId]);
  return useQuery<number>({ queryKey: queryKeys.presence(eventId), queryFn: skipToken }).data;
}
