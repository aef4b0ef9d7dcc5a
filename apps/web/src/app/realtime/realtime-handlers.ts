import type { QueryClient } from '@tanstack/react-query';
import type { AttendeesResponse, Notification, NotificationListResponse, Participation, ServerToClientEvents } from '@turnout/contracts';
import { applyCounts, applyStoredEvent, insertCreatedEvent, removeCachedEvent, setMyParticipation } from '../../lib/event-cache';
import { queryKeys } from '../../lib/query-keys';

type Options = {
  viewerId: string;
  onNotification?: (notification: Notification) => void;
};

/**
 * What each server → client event does to the cache (docs/product.md §4). Payloads carry
 * authoritative state, so they are written in place: nothing is refetched.
 */
export function createRealtimeHandlers(client: QueryClient, { viewerId, onNotification }: Options): ServerToClientEvents {
  return {
    'event:created': ({ event }) => insertCreatedEvent(client, { ...event, myParticipation: null }, viewerId),
    'event:updated': ({ event }) => applyStoredEvent(client, event, viewerId),
    'event:deleted': ({ eventId }) => removeCachedEvent(client, eventId),
    'participation:changed': (change) => applyCounts(client, change),
    'participation:mine': ({ eventId, status, position }) => {
      let participation: Participation | null;
      if (status === 'removed') participation = null;
      else if (status === 'waitlisted') participation = position === undefined ? { status } : { status, position };
      else participation = { status: 'joined' };
      setMyParticipation(client, eventId, participation);
      // "My events" lists change membership: refresh them when next shown, not now.
      void client.invalidateQueries({
        queryKey: queryKeys.eventLists,
        predicate: (query) => (query.queryKey[2] as { joined?: boolean } | undefined)?.joined === true,
        refetchType: 'none',
      });
    },
    'attendees:changed': ({ eventId, version, joined, waitlisted }) => {
      // Lists read at an older version than the cached ones (crossed on the way) are dropped.
      client.setQueryData<AttendeesResponse>(queryKeys.attendees(eventId), (old) =>
        old && old.version > version ? old : { version, joined, waitlisted },
      );
    },
    notification: ({ notification }) => {
      client.setQueryData<NotificationListResponse>(queryKeys.notifications, (old) =>
        old
          ? {
              items: [notification, ...old.items.filter((item) => item.id !== notification.id)],
              unreadCount: old.unreadCount + (notification.readAt === null ? 1 : 0),
            }
          : old,
      );
      // An update posted on an event: an open event page shows it without a reload.
      if (notification.type === 'announcement' && notification.eventId)
        void client.invalidateQueries({ queryKey: queryKeys.announcements(notification.eventId), exact: true });
      onNotification?.(notification);
    },
    'presence:changed': ({ eventId, viewers }) => {
      client.setQueryData<number>(queryKeys.presence(eventId), viewers);
    },
  };
}
