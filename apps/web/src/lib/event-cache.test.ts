import { QueryClient } from '@tanstack/react-query';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildEvent, buildEventView, buildPage, JOINER_ID, ORGANIZER_ID } from '../test/builders';
import { applyStoredEvent, type EventListData } from './event-cache';
import { type EventListFilters, queryKeys } from './query-keys';

const upcoming: EventListFilters = { q: '', when: 'upcoming', mine: false, joined: false };
const NOW = Date.parse('2029-01-01T00:00:00.000Z');
const list = (...pages: EventListData['pages']): EventListData => ({ pages, pageParams: pages.map((_, i) => (i === 0 ? null : `c${i}`)) });
const at = (day: string, overrides: Parameters<typeof buildEventView>[0] = {}) =>
  buildEventView({ startsAt: `2030-01-${day}T10:00:00.000Z`, title: `Event ${day}`, ...overrides });

let client: QueryClient;
beforeEach(() => {
  client = new QueryClient();
});

const pagesOf = (filters: EventListFilters) =>
  client.getQueryData<EventListData>(queryKeys.eventList(filters))?.pages.map((page) => page.items.map((item) => item.title));

describe('an updated event in the lists', () => {
  it('moves to its place by start, across loaded pages', () => {
    const [a, b, c, d] = [at('01'), at('02'), at('03'), at('04')];
    client.setQueryData(queryKeys.eventList(upcoming), list(buildPage([a, b], 'c1'), buildPage([c, d])));

    applyStoredEvent(client, buildEvent({ ...a, startsAt: '2030-01-03T12:00:00.000Z', version: 2 }), JOINER_ID, NOW);
    expect(pagesOf(upcoming)).toEqual([['Event 02'], ['Event 03', 'Event 01', 'Event 04']]);

    applyStoredEvent(client, buildEvent({ ...d, startsAt: '2029-12-31T10:00:00.000Z', version: 2 }), JOINER_ID, NOW);
    expect(pagesOf(upcoming)).toEqual([
      ['Event 04', 'Event 02'],
      ['Event 03', 'Event 01'],
    ]);
  });

  it('leaves the loaded items for the next page when it now starts after them', () => {
    const [a, b] = [at('01'), at('02')];
    client.setQueryData(queryKeys.eventList(upcoming), list(buildPage([a, b], 'more')));
    applyStoredEvent(client, buildEvent({ ...a, startsAt: '2030-06-01T10:00:00.000Z', version: 2 }), JOINER_ID, NOW);
    expect(pagesOf(upcoming)).toEqual([['Event 02']]);
  });

  it('drops out of a list it no longer matches and joins one it now matches', () => {
    const search = { ...upcoming, q: 'yoga' };
    const past = { ...upcoming, when: 'past' as const };
    const yoga = at('05', { title: 'Morning yoga' });
    client.setQueryData(queryKeys.eventList(search), list(buildPage([yoga])));
    client.setQueryData(queryKeys.eventList(upcoming), list(buildPage([at('01'), yoga])));
    client.setQueryData(
      queryKeys.eventList(past),
      list(buildPage([buildEventView({ startsAt: '2028-01-01T10:00:00.000Z', title: 'Old' })])),
    );

    applyStoredEvent(client, buildEvent({ ...yoga, title: 'Morning run', version: 2 }), JOINER_ID, NOW);
    expect(pagesOf(search)).toEqual([[]]);
    expect(pagesOf(upcoming)).toEqual([['Event 01', 'Morning run']]);

    const moved = { startsAt: '2028-06-01T10:00:00.000Z', endsAt: '2028-06-01T12:00:00.000Z' };
    applyStoredEvent(client, buildEvent({ ...yoga, ...moved, title: 'Morning run', version: 3 }), JOINER_ID, NOW);
    expect(pagesOf(upcoming)).toEqual([['Event 01']]);
    expect(pagesOf(past)).toEqual([['Old', 'Morning run']]);
  });

  it('keeps my participation, so my events keep it', () => {
    const joined = { ...upcoming, joined: true };
    const mine = at('03', { myParticipation: { status: 'joined' } });
    client.setQueryData(queryKeys.eventList(joined), list(buildPage([at('01', { myParticipation: { status: 'joined' } }), mine])));

    applyStoredEvent(client, buildEvent({ ...mine, startsAt: '2029-12-01T10:00:00.000Z', version: 2 }), JOINER_ID, NOW);
    const items = client.getQueryData<EventListData>(queryKeys.eventList(joined))?.pages[0]?.items;
    expect(items?.map((item) => [item.title, item.myParticipation])).toEqual([
      ['Event 03', { status: 'joined' }],
      ['Event 01', { status: 'joined' }],
    ]);
  });

  it('is ignored by a list that holds a newer version', () => {
    const event = at('02', { version: 5, organizerId: ORGANIZER_ID });
    client.setQueryData(queryKeys.eventList(upcoming), list(buildPage([at('01'), event])));
    applyStoredEvent(client, buildEvent({ ...event, startsAt: '2029-12-01T10:00:00.000Z', version: 4 }), JOINER_ID, NOW);
    expect(pagesOf(upcoming)).toEqual([['Event 01', 'Event 02']]);
  });
});
