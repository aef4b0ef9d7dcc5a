import type { EventView } from '@turnout/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, daysFromNow, endEvent } from '../../test/builders/events';
import { buildUser, type TestUser } from '../../test/builders/users';
import { call, join } from '../../test/harness/api';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const list = async (as: TestUser, query: string) => {
  const response = await call(t, 'GET', `/api/events?${query}`, { as });
  if (response.statusCode !== 200) throw new Error(`list failed: ${response.statusCode} ${response.body}`);
  return response.json() as { items: EventView[]; nextCursor: string | null };
};
const titles = (page: { items: EventView[] }) => page.items.map((e) => e.title);

describe('filters and search', () => {
  it('shows upcoming events by default, past ones on request, ordered by start', async () => {
    const organizer = await buildUser(t, { role: 'organizer' });
    await buildEvent(t, organizer, { title: 'Later', startsAt: daysFromNow(3) });
    await buildEvent(t, organizer, { title: 'Sooner', startsAt: daysFromNow(1) });
    const ended = await buildEvent(t, organizer, { title: 'Over', startsAt: daysFromNow(2) });
    await endEvent(t, ended.id);

    expect(titles(await list(organizer, 'mine=1'))).toEqual(['Sooner', 'Later']);
    expect(titles(await list(organizer, 'mine=1&when=upcoming'))).toEqual(['Sooner', 'Later']);
    expect(titles(await list(organizer, 'mine=1&when=past'))).toEqual(['Over']);
    expect(titles(await list(organizer, 'mine=1&when=all'))).toEqual(['Over', 'Sooner', 'Later']);
  });

  it('mine=1 keeps the organizer’s own events only', async () => {
    const [ada, bob] = [await buildUser(t, { role: 'organizer' }), await buildUser(t, { role: 'organizer' })];
    await buildEvent(t, ada, { title: 'Ada’s' });
    await buildEvent(t, bob, { title: 'Bob’s' });
    expect(titles(await list(ada, 'mine=1'))).toEqual(['Ada’s']);
    expect(titles(await list(bob, 'mine=true'))).toEqual(['Bob’s']);
  });

  it('searches title and location case-insensitively, with % and _ matched literally', async () => {
    const organizer = await buildUser(t, { role: 'organizer' });
    await buildEvent(t, organizer, { title: 'Kubernetes Meetup', location: 'Hall A' });
    await buildEvent(t, organizer, { title: 'Yoga', location: 'The KUBERNETES lounge' });
    await buildEvent(t, organizer, { title: '100% fun', location: 'Park' });
    await buildEvent(t, organizer, { title: '1000 fun', location: 'snake_case street' });
    await buildEvent(t, organizer, { title: 'snakeXcase', location: 'Elsewhere' });

    expect(titles(await list(organizer, 'mine=1&q=kubernetes')).sort()).toEqual(['Kubernetes Meetup', 'Yoga']);
    expect(titles(await list(organizer, `mine=1&q=${encodeURIComponent('0%')}`))).toEqual(['100% fun']);
    expect(titles(await list(organizer, 'mine=1&q=snake_case'))).toEqual(['1000 fun']);
    expect(titles(await list(organizer, `mine=1&q=${encodeURIComponent('  yoga ')}`))).toEqual(['Yoga']);
  });

  it('joined=1 lists what the viewer joined or waits for, each with counts and their own place', async () => {
    const organizer = await buildUser(t, { role: 'organizer' });
    const [viewer, other] = [await buildUser(t), await buildUser(t)];
    const seated = await buildEvent(t, organizer, { title: 'Seated', startsAt: daysFromNow(1), capacity: 10 });
    const full = await buildEvent(t, organizer, { title: 'Full', startsAt: daysFromNow(2), capacity: 1 });
    await buildEvent(t, organizer, { title: 'Not mine', startsAt: daysFromNow(3) });
    await join(t, viewer, seated.id);
    await join(t, other, full.id);
    await join(t, viewer, full.id);

    const page = await list(viewer, 'joined=1');
    expect(titles(page)).toEqual(['Seated', 'Full']);
    expect(page.items[0]).toMatchObject({ joinedCount: 1, waitlistCount: 0, myParticipation: { status: 'joined' } });
    expect(page.items[1]).toMatchObject({ joinedCount: 1, waitlistCount: 1, myParticipation: { status: 'waitlisted', position: 1 } });

    const all = await list(other, `q=${encodeURIComponent('Not mine')}`);
    expect(all.items[0]).toMatchObject({ title: 'Not mine', myParticipation: null });
  });
});

describe('cursor pages', () => {
  it('walks every event exactly once, even with events added between pages', async () => {
    const organizer = await buildUser(t, { role: 'organizer' });
    const sameStart = daysFromNow(10);
    const created: EventView[] = [];
    for (let i = 0; i < 5; i++) created.push(await buildEvent(t, organizer, { title: `Day ${i}`, startsAt: daysFromNow(20 + i) }));
    // Ties on the start time are ordered by id.
    for (let i = 0; i < 3; i++) created.push(await buildEvent(t, organizer, { title: `Tie ${i}`, startsAt: sameStart }));

    const seen: string[] = [];
    let page = await list(organizer, 'mine=1&limit=3');
    seen.push(...page.items.map((e) => e.id));
    // Added while paging: one before the cursor (never shown on a later page), one after it (shown once).
    await buildEvent(t, organizer, { title: 'Added early', startsAt: daysFromNow(5) });
    const late = await buildEvent(t, organizer, { title: 'Added late', startsAt: daysFromNow(30) });
    while (page.nextCursor) {
      page = await list(organizer, `mine=1&limit=3&cursor=${page.nextCursor}`);
      seen.push(...page.items.map((e) => e.id));
    }
    expect(new Set(seen).size).toBe(seen.length);
    const ties = created
      .filter((e) => e.title.startsWith('Tie'))
      .map((e) => e.id)
      .sort();
    const days = created.filter((e) => e.title.startsWith('Day')).map((e) => e.id);
    expect(seen).toEqual([...ties, ...days, late.id]);
  });

  it('answers no next cursor on the last page', async () => {
    const organizer = await buildUser(t, { role: 'organizer' });
    await buildEvent(t, organizer);
    await buildEvent(t, organizer);
    expect((await list(organizer, 'mine=1&limit=2')).nextCursor).toBeNull();
    expect((await list(organizer, 'mine=1&limit=1')).nextCursor).not.toBeNull();
  });

  it.each([
    ['a malformed cursor', 'cursor=%%%'],
    ['a cursor that decodes to garbage', `cursor=${Buffer.from('yesterday|42').toString('base64url')}`],
    ['a cursor of random characters', 'cursor=abc'],
    ['a limit of 0', 'limit=0'],
    ['a limit over 100', 'limit=101'],
    ['a non-numeric limit', 'limit=ten'],
    ['an unknown period', 'when=tomorrow'],
    ['a flag that is not a flag', 'mine=yes'],
  ])('answers %s with 400', async (_what, query) => {
    const viewer = await buildUser(t);
    const response = await call(t, 'GET', `/api/events?${query}`, { as: viewer });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
  });

  it('is for logged-in users only', async () => {
    expect((await call(t, 'GET', '/api/events')).statusCode).toBe(401);
  });
});
