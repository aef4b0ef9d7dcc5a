import { useQueryClient } from '@tanstack/react-query';
import type { EventView } from '@turnout/contracts';
import { useEffect, useState } from 'react';
import { queryKeys } from '../../../lib/query-keys';
import { useAttendees } from '../api/get-attendees';

/**
 * How long after the counts changed a viewer's open list is read again: spread over a second
 * and a half, so that a join on a page many people have open is not a burst of reads, and a
 * rush of joins is one read per viewer, not one per join.
 */
export const attendeesRefreshDelay = () => 300 + Math.random() * 1200;

/**
 * The attendee list, kept current while the page is open. The owner's lists arrive by socket
 * (`attendees:changed`); everyone else gets only counts (`participation:changed`), so the list is
 * read again once the joined count moved past the version it was read at.
 */
export function useLiveAttendees(event: Pick<EventView, 'id' | 'version' | 'joinedCount'>, { enabled = true } = {}) {
  const client = useQueryClient();
  const attendees = useAttendees(event.id, { enabled });
  // The joined count when the list arrived: a change in waitlist or details alone does not refresh it.
  const [readWith, setReadWith] = useState({ at: attendees.dataUpdatedAt, joined: event.joinedCount });
  if (readWith.at !== attendees.dataUpdatedAt) setReadWith({ at: attendees.dataUpdatedAt, joined: event.joinedCount });
  const stale = enabled && attendees.data !== undefined && attendees.data.version < event.version && event.joinedCount !== readWith.joined;

  useEffect(() => {
    if (!stale) return;
    const timer = setTimeout(
      () => void client.invalidateQueries({ queryKey: queryKeys.attendees(event.id), exact: true }),
      attendeesRefreshDelay(),
    );
    return () => clearTimeout(timer);
  }, [stale, client, event.id]);
  return attendees;
}
