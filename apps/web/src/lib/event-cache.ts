import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { Event, EventListResponse, EventView, Participation } from '@turnout/contracts';
import { hasEnded } from '@turnout/domain';
import { type EventListFilters, queryKeys } from './query-keys';

export type EventListData = InfiniteData<EventListResponse, string | null>;

function mapLists(data: EventListData, id: string, update: (view: EventView) => EventView): EventListData {
  let changed = false;
  const pages = data.pages.map((page) => {
    if (!page.items.some((item) => item.id === id)) return page;
    changed = true;
    return { ...page, items: page.items.map((item) => (item.id === id ? update(item) : item)) };
  });
  return changed ? { ...data, pages } : data;
}

/** Applies `update` to the event wherever it is cached: its detail and every list holding it. */
export function updateCachedEvent(client: QueryClient, id: string, update: (view: EventView) => EventView): void {
  client.setQueryData<EventView>(queryKeys.event(id), (old) => (old ? update(old) : old));
  client.setQueriesData<EventListData>({ queryKey: queryKeys.eventLists }, (old) => (old ? mapLists(old, id, update) : old));
}

/** The parts of a view that are the viewer's own: a broadcast of the stored event carries neither. */
const viewerPart = (view: EventView | undefined): Pick<EventView, 'myParticipation' | 'onlineUrl'> => ({
  myParticipation: view?.myParticipation ?? null,
  onlineUrl: view?.onlineUrl ?? null,
});

/**
 * A stored event from a broadcast; dropped where the cache already holds a newer version. Lists
 * take it where they now show it (see `placeChangedEvent`).
 */
export function applyStoredEvent(client: QueryClient, event: Event, viewerId: string, now = Date.now()): void {
  client.setQueryData<EventView>(queryKeys.event(event.id), (current) => {
    if (!current || event.version < current.version) return current;
    const own = viewerPart(current);
    // The join link is only ever in this viewer's own answers; a broadcast saying none is set clears it.
    return { ...event, ...own, onlineUrl: event.hasOnlineUrl && event.locationType === 'online' ? own.onlineUrl : null };
  });
  placeChangedEvent(client, event, viewerId, now);
}

/** Fresh counts from a broadcast, under the same version rule. */
export function applyCounts(
  client: QueryClient,
  change: { eventId: string; joinedCount: number; waitlistCount: number; version: number },
): void {
  updateCachedEvent(client, change.eventId, (current) =>
    change.version < current.version
      ? current
      : { ...current, joinedCount: change.joinedCount, waitlistCount: change.waitlistCount, version: change.version },
  );
}

/** The viewer's own answer from the API: their participation and join link always apply, the rest only if not older. */
export function applyEventView(client: QueryClient, view: EventView): void {
  updateCachedEvent(client, view.id, (current) => (view.version < current.version ? { ...current, ...viewerPart(view) } : view));
}

/** The viewer's participation as it now is; someone no longer joined loses the join link with it. */
export function setMyParticipation(client: QueryClient, eventId: string, participation: Participation | null): void {
  updateCachedEvent(client, eventId, (current) => ({
    ...current,
    myParticipation: participation,
    onlineUrl: participation?.status === 'joined' || current.myParticipation === null ? current.onlineUrl : null,
  }));
}

/** Removes a deleted event from every cache and marks it deleted for a page still showing it. */
export function removeCachedEvent(client: QueryClient, id: string): void {
  client.setQueryData(queryKeys.eventDeleted(id), true);
  client.removeQueries({ queryKey: queryKeys.attendees(id), exact: true });
  client.removeQueries({ queryKey: queryKeys.announcements(id), exact: true });
  client.setQueriesData<EventListData>({ queryKey: queryKeys.eventLists }, (old) => {
    if (!old?.pages.some((page) => page.items.some((item) => item.id === id))) return old;
    return { ...old, pages: old.pages.map((page) => ({ ...page, items: page.items.filter((item) => item.id !== id) })) };
  });
}

/** Whether a list with these filters shows `event`, as the list endpoint decides it. */
export function eventBelongsInList(event: EventView, filters: EventListFilters, viewerId: string, now: number): boolean {
  const ended = hasEnded(event, now);
  if (filters.when === 'upcoming' && ended) return false;
  if (filters.when === 'past' && !ended) return false;
  if (filters.mine && event.organizerId !== viewerId) return false;
  if (filters.joined && event.myParticipation === null) return false;
  const q = filters.q.trim().toLowerCase();
  return q === '' || event.title.toLowerCase().includes(q) || event.location.toLowerCase().includes(q);
}

/** Lists are ordered by start, then id, as the list endpoint orders them. */
const before = (a: EventView, b: EventView): boolean => {
  const diff = Date.parse(a.startsAt) - Date.parse(b.startsAt);
  return diff < 0 || (diff === 0 && a.id < b.id);
};

function insertInto(data: EventListData, event: EventView): EventListData {
  const pages = data.pages.map((page) => ({ ...page, items: [...page.items] }));
  for (const [index, page] of pages.entries()) {
    const at = page.items.findIndex((item) => before(event, item));
    const isLast = index === pages.length - 1;
    if (at >= 0) {
      page.items.splice(at, 0, event);
      return { ...data, pages };
    }
    // Past the loaded items: it belongs here only if nothing more is left to load.
    if (isLast && page.nextCursor === null) {
      page.items.push(event);
      return { ...data, pages };
    }
  }
  return data;
}

function findIn(data: EventListData, id: string): EventView | undefined {
  for (const page of data.pages) {
    const found = page.items.find((item) => item.id === id);
    if (found) return found;
  }
  return undefined;
}

const removeFrom = (data: EventListData, id: string): EventListData => ({
  ...data,
  pages: data.pages.map((page) => ({ ...page, items: page.items.filter((item) => item.id !== id) })),
});

/**
 * Puts a changed event where every cached list now shows it, as the list endpoint would answer:
 * moved to its place when its start changed, dropped from a list it no longer matches (a search,
 * upcoming or past), added to one it now matches. A list holding a newer version keeps it.
 */
export function placeChangedEvent(client: QueryClient, event: Event, viewerId: string, now = Date.now()): void {
  const detail = client.getQueryData<EventView>(queryKeys.event(event.id));
  for (const query of client.getQueryCache().findAll({ queryKey: queryKeys.eventLists })) {
    const filters = query.queryKey[2] as EventListFilters | undefined;
    const data = query.state.data as EventListData | undefined;
    if (!filters || !data) continue;
    const current = findIn(data, event.id);
    if (current && current.version > event.version) continue;
    const view: EventView = { ...event, ...viewerPart(current ?? detail) };
    const without = current ? removeFrom(data, event.id) : data;
    const next = eventBelongsInList(view, filters, viewerId, now) ? insertInto(without, view) : without;
    if (next !== data) client.setQueryData<EventListData>(query.queryKey, next);
  }
}

/** Places a newly created event into every cached list it belongs to, in order. */
export function insertCreatedEvent(client: QueryClient, event: EventView, viewerId: string, now = Date.now()): void {
  for (const query of client.getQueryCache().findAll({ queryKey: queryKeys.eventLists })) {
    const filters = query.queryKey[2] as EventListFilters | undefined;
    const data = query.state.data as EventListData | undefined;
    if (!filters || !data) continue;
    if (data.pages.some((page) => page.items.some((item) => item.id === event.id))) continue;
    if (!eventBelongsInList(event, filters, viewerId, now)) continue;
    client.setQueryData<EventListData>(query.queryKey, insertInto(data, event));
  }
}
