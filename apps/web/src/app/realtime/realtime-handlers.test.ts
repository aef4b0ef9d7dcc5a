import { QueryClient } from '@tanstack/react-query';
import type { AttendeesResponse, EventView, NotificationListResponse } from '@turnout/contracts';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventListData } from '../../lib/event-cache';
import { type EventListFilters, queryKeys } from '../../lib/query-keys';
import { buildEvent, buildEventView, buildNotification, buildPage, JOINER_ID, ORGANIZER_ID } from '../../test/builders';
import { createRealtimeHandlers } from './realtime-handlers';

const upcoming: EventListFilters = { q: '', when: 'upcoming', mine: false, joined: false };
const list = (...pages: EventListData['pages']): EventListData => ({ pages, pageParams: pages.map((_, i) => (i === 0 ? null : `c${i}`)) });

let client: QueryClient;
let notified: string[];
let on: ReturnType<typeof createRealtimeHandlers>;

beforeEach(() => {
  client = new QueryClient();
  notified = [];
  on = createRealtimeHandlers(client, { viewerId: JOINER_ID, onNotification: (n) => notified.push(n.title) });
});

const detail = (id: string) => client.getQueryData<EventView>(queryKeys.event(id));
const items = (filters: EventListFilters) =>
  client.getQueryData<EventListData>(queryKeys.eventList(filters))?.pages.flatMap((page) => page.items) ?? [];

describe('event:updated and participation:changed', () => {
  it('apply a newer version to the detail and every list, keeping my participation', () => {
    const event = buildEventView({ version: 2, myParticipation: { status: 'joined' } });
    client.setQueryData(queryKeys.event(event.id), event);
    client.setQueryData(queryKeys.eventList(upcoming), list(buildPage([event])));

    on['event:updated']({ event: buildEvent({ ...event, title: 'Renamed', version: 3 }) });

    expect(detail(event.id)).toMatchObject({ title: 'Renamed', version: 3, myParticipation: { status: 'joined' } });
    expect(items(upcoming)[0]).toMatchObject({ title: 'Renamed', myParticipation: { status: 'joined' } });
  });

  it('drop a payload older than the cached version', () => {
    const event = buildEventView({ version: 5, joinedCount: 10 });
    client.setQueryData(queryKeys.event(event.id), event);
    client.setQueryData(queryKeys.eventList(upcoming), list(buildPage([event])));

    on['event:updated']({ event: buildEvent({ ...event, title: 'Old title', version: 4 }) });
    on['participation:changed']({ eventId: event.id, joinedCount: 9, waitlistCount: 0, version: 4 });

    expect(detail(event.id)).toEqual(event);
    expect(items(upcoming)[0]).toEqual(event);
  });

  it('update counts in place from participation:changed', () => {
    const event = buildEventView({ version: 2, joinedCount: 4, myParticipation: { status: 'waitlisted', position: 2 } });
    client.setQueryData(queryKeys.event(event.id), event);

    on['participation:changed']({ eventId: event.id, joinedCount: 5, waitlistCount: 1, version: 3 });

    expect(detail(event.id)).toMatchObject({ joinedCount: 5, waitlistCount: 1, version: 3, myParticipation: { status: 'waitlisted' } });
  });
});

describe('event:deleted', () => {
  it('removes the event from every list and marks it deleted', () => {
    const kept = buildEventView();
    const gone = buildEventView();
    client.setQueryData(queryKeys.event(gone.id), gone);
    client.setQueryData(queryKeys.attendees(gone.id), { joined: [], waitlisted: [] });
    client.setQueryData(queryKeys.eventList(upcoming), list(buildPage([kept, gone], 'next'), buildPage([buildEventView()])));

    on['event:deleted']({ eventId: gone.id });

    expect(items(upcoming).map((e) => e.id)).not.toContain(gone.id);
    expect(items(upcoming)).toHaveLength(2);
    expect(client.getQueryData(queryKeys.eventDeleted(gone.id))).toBe(true);
    expect(client.getQueryData(queryKeys.attendees(gone.id))).toBeUndefined();
  });
});

describe('event:created', () => {
  it('inserts the event in order into the lists it belongs to', () => {
    const first = buildEventView({ startsAt: '2030-01-01T10:00:00.000Z' });
    const last = buildEventView({ startsAt: '2030-03-01T10:00:00.000Z' });
    const mine = { ...upcoming, mine: true };
    const joined = { ...upcoming, joined: true };
    const search = { ...upcoming, q: 'yoga' };
    for (const filters of [upcoming, mine, joined, search])
      client.setQueryData(queryKeys.eventList(filters), list(buildPage([first, last])));

    const created = buildEvent({ startsAt: '2030-02-01T10:00:00.000Z', title: 'Morning Yoga', organizerId: ORGANIZER_ID });
    on['event:created']({ event: created });

    expect(items(upcoming).map((e) => e.id)).toEqual([first.id, created.id, last.id]);
    expect(items(search).map((e) => e.id)).toContain(created.id);
    expect(items(mine).map((e) => e.id)).not.toContain(created.id);
    expect(items(joined).map((e) => e.id)).not.toContain(created.id);
  });

  it('leaves an event after the loaded items to the next page', () => {
    const first = buildEventView({ startsAt: '2030-01-01T10:00:00.000Z' });
    client.setQueryData(queryKeys.eventList(upcoming), list(buildPage([first], 'more')));
    on['event:created']({ event: buildEvent({ startsAt: '2031-01-01T10:00:00.000Z' }) });
    expect(items(upcoming)).toHaveLength(1);
  });

  it('does not duplicate an event the list already holds', () => {
    const event = buildEventView();
    client.setQueryData(queryKeys.eventList(upcoming), list(buildPage([event])));
    on['event:created']({ event: buildEvent({ ...event }) });
    expect(items(upcoming)).toHaveLength(1);
  });
});

describe('participation:mine', () => {
  it('updates my participation wherever the event is cached', () => {
    const event = buildEventView({ myParticipation: { status: 'waitlisted', position: 1 } });
    client.setQueryData(queryKeys.event(event.id), event);
    client.setQueryData(queryKeys.eventList(upcoming), list(buildPage([event])));

    on['participation:mine']({ eventId: event.id, status: 'promoted' });
    expect(detail(event.id)?.myParticipation).toEqual({ status: 'joined' });

    on['participation:mine']({ eventId: event.id, status: 'removed' });
    expect(items(upcoming)[0]?.myParticipation).toBeNull();
  });
});

describe('attendees:changed and notification', () => {
  it('replaces the attendee lists with newer ones and keeps them over older ones', () => {
    const eventId = buildEventView().id;
    const jamie = { userId: JOINER_ID, name: 'jamie', avatarUrl: null, since: '2026-01-01T00:00:00.000Z' };
    const next: AttendeesResponse = { version: 3, joined: [jamie], waitlisted: [] };
    client.setQueryData<AttendeesResponse>(queryKeys.attendees(eventId), { version: 2, joined: [], waitlisted: [] });
    on['attendees:changed']({ eventId, ...next });
    expect(client.getQueryData(queryKeys.attendees(eventId))).toEqual(next);

    on['attendees:changed']({ eventId, version: 2, joined: [], waitlisted: [] });
    expect(client.getQueryData(queryKeys.attendees(eventId))).toEqual(next);
  });

  it('prepends a notification, counts it unread and toasts it', () => {
    const older = buildNotification({ title: 'Older' });
    client.setQueryData<NotificationListResponse>(queryKeys.notifications, { items: [older], unreadCount: 1 });
    const toast = vi.fn();
    on = createRealtimeHandlers(client, { viewerId: JOINER_ID, onNotification: toast });

    on.notification({ notification: buildNotification({ title: 'You are in' }) });

    const cached = client.getQueryData<NotificationListResponse>(queryKeys.notifications);
    expect(cached?.items.map((n) => n.title)).toEqual(['You are in', 'Older']);
    expect(cached?.unreadCount).toBe(2);
    expect(toast).toHaveBeenCalledOnce();
    expect(notified).toEqual([]);
  });

  it('marks the updates of the event an announcement is about stale, and only those', () => {
    const eventId = buildEventView().id;
    const other = buildEventView().id;
    client.setQueryData(queryKeys.announcements(eventId), { items: [] });
    client.setQueryData(queryKeys.announcements(other), { items: [] });

    on.notification({ notification: buildNotification({ type: 'announcement', eventId }) });
    on.notification({ notification: buildNotification({ type: 'event_changed', eventId: other }) });

    expect(client.getQueryState(queryKeys.announcements(eventId))?.isInvalidated).toBe(true);
    expect(client.getQueryState(queryKeys.announcements(other))?.isInvalidated).toBe(false);
  });
});

describe('an online event’s join link', () => {
  const LINK = 'https://meet.example/room';
  const stored = (view: EventView, changes: Partial<EventView> = {}) => {
    const { myParticipation: _, onlineUrl: __, ...event } = { ...view, ...changes };
    return event;
  };
  const online = (overrides: Partial<EventView> = {}) =>
    buildEventView({ locationType: 'online', hasOnlineUrl: true, myParticipation: { status: 'joined' }, onlineUrl: LINK, ...overrides });

  it('stays through a broadcast that carries none, and goes when the event no longer has one', () => {
    const event = online({ version: 2 });
    client.setQueryData(queryKeys.event(event.id), event);
    on['participation:changed']({ eventId: event.id, joinedCount: 9, waitlistCount: 0, version: 3 });
    expect(detail(event.id)?.onlineUrl).toBe(LINK);

    on['event:updated']({ event: stored(event, { hasOnlineUrl: false, version: 4 }) });
    expect(detail(event.id)).toMatchObject({ hasOnlineUrl: false, onlineUrl: null });
  });

  it('is read again after an edit, by a joined attendee only', () => {
    const event = online({ version: 2 });
    client.setQueryData(queryKeys.event(event.id), event);
    const refetch = vi.spyOn(client, 'invalidateQueries');

    on['event:updated']({ event: stored(event, { title: 'New title', version: 3 }) });
    expect(refetch).toHaveBeenCalledWith({ queryKey: queryKeys.event(event.id), exact: true });

    refetch.mockClear();
    const waiting = online({ myParticipation: { status: 'waitlisted', position: 1 }, onlineUrl: null, version: 2 });
    client.setQueryData(queryKeys.event(waiting.id), waiting);
    on['event:updated']({ event: stored(waiting, { title: 'New title', version: 3 }) });
    expect(refetch).not.toHaveBeenCalled();
  });

  it('is fetched for someone promoted from the waitlist, and dropped for someone removed', () => {
    const event = online({ myParticipation: { status: 'waitlisted', position: 1 }, onlineUrl: null });
    client.setQueryData(queryKeys.event(event.id), event);
    const refetch = vi.spyOn(client, 'invalidateQueries');
    on['participation:mine']({ eventId: event.id, status: 'promoted' });
    expect(refetch).toHaveBeenCalledWith({ queryKey: queryKeys.event(event.id), exact: true });

    client.setQueryData(queryKeys.event(event.id), online());
    on['participation:mine']({ eventId: event.id, status: 'removed' });
    expect(detail(event.id)).toMatchObject({ myParticipation: null, onlineUrl: null });
  });
});
