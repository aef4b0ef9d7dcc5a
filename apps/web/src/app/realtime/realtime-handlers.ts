import type { QueryClient } from '@tanstack/react-query';
import type {
  AttendeesResponse,
  Event,
  EventView,
  Notification,
  NotificationListResponse,
  Participation,
  ServerToClientEvents,
} from '@turnout/contracts';
import { applyCounts, applyStoredEvent, insertCreatedEvent, removeCachedEvent, setMyParticipation } from '../../lib/event-cache';
import { queryKeys } from '../../lib/query-keys';

type Options = {
  viewerId: string;
  onNotification?: (notification: Notification) => void;
};

/**
 * Whether this attendee's open page must ask for the event again: the join link is never broadcast
 * (docs/product.md §11), so a joined attendee learns a new or changed one from their own read.
 * Only edits of an online event with a link, and only for those who may see it, refetch.
 */
function joinLinkMayHaveChanged(cached: EventView | undefined, event: Event, viewerId: string): boolean {
  if (!cached || event.organizerId === viewerId || cached.myParticipation?.status !== 'joined') return false;
  return event.locationType === 'online' && event.hasOnlineUrl;
}

/**
 * What each server → client event does to the cache (docs/product.md §4). Payloads carry
 * authoritative state, so they are written in place; only the viewer's own join link is refetched.
 */
export function createRealtimeHandlers(client: QueryClient, { viewerId, onNotification }: Options): ServerToClientEvents {
  const refetchEvent = (eventId: string) => void client.invalidateQueries({ queryKey: queryKeys.event(eventId), exact: true });
  return {
    'event:created': ({ event }) => insertCreatedEvent(client, { ...event, myParticipation: null, onlineUrl: null }, viewerId),
    'event:updated': ({ event }) => {
      const cached = client.getQueryData<EventView>(queryKeys.event(event.id));
      applyStoredEvent(client, event, viewerId);
      if (joinLinkMayHaveChanged(cached, event, viewerId) && event.version >= (cached?.version ?? 0)) refetchEvent(event.id);
    },
    'event:deleted': ({ eventId }) => removeCachedEvent(client, eventId),
    'participation:changed': (change) => applyCounts(client, change),
    'participation:mine': ({ eventId, status, position }) => {
      let participation: Participation | null;
      if (status === 'removed') participation = null;
      else if (status === 'waitlisted') participation = position === undefined ? { status } : { status, position };
      else participation = { status: 'joined' };
      setMyParticipation(client, eventId, participation);
      // Promoted, or joined in another tab: the online event's join link is theirs now. A join
      // from this tab is answered with the link, so it does not ask twice.
      const cached = client.getQueryData<EventView>(queryKeys.event(eventId));
      const seated = status === 'promoted' || (status === 'joined' && client.isMutating({ mutationKey: ['participation'] }) === 0);
      if (seated && cached?.locationType === 'online' && cached.hasOnlineUrl && cached.onlineUrl === null) refetchEvent(eventId);
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
