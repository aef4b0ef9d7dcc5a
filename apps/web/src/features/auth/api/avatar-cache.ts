import type { QueryClient } from '@tanstack/react-query';
import type { MeResponse } from '@turnout/contracts';
import { queryKeys } from '../../../lib/query-keys';

/**
 * The viewer's new picture everywhere it is cached: their user (the header, settings) at once,
 * and the attendee lists, which carry it per attendee, fetched again when next shown.
 */
export function applyMyAvatar(client: QueryClient, me: MeResponse): void {
  client.setQueryData(queryKeys.me, me.user);
  client.setQueryData(queryKeys.account, me.account);
  void client.invalidateQueries({ queryKey: queryKeys.attendeeLists });
}
