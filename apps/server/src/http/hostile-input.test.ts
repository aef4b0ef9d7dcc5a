import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../db/schema';
import { buildEvent, daysFromNow, eventInput } from '../test/builders/events';
import { buildUser, type TestUser } from '../test/builders/users';
import { call } from '../test/harness/api';
import { buildTestApp, type TestApp } from '../test/harness/build-test-app';

// What an attacker or a clumsy client sends, each of which once reached the database and came back
// as a 500 (on PostgreSQL): each must be a 400 naming the field, with nothing written.
let t: TestApp;
let organizer: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  organizer = await buildUser(t, { role: 'organizer' });
});
afterAll(() => t.close());

const cursorFor = (startsAt: string) => Buffer.from(`${startsAt}|6f1c2a4e-9b1d-4c55-8a77-3f1e2d3c4b5a`, 'utf8').toString('base64url');

async function eventCount() {
  return (await t.db.database.db.select({ id: events.id }).from(events)).length;
}

describe('text a person could not have typed', () => {
  it.each([
    ['a NUL in a login name', 'POST', '/api/auth/login', { name: 'ada\u0000', password: 'x' }, 'name'],
    [
      'a NUL in a new name',
      'POST',
      '/api/auth/register',
      { name: 'ada\u0000bob', email: 'ada@turnout.test', password: 'long enough pass', role: 'joiner' },
      'name',
    ],
    ['a lone surrogate in a password', 'POST', '/api/auth/login', { name: 'ada', password: 'pass\ud800word' }, 'password'],
    ['a NUL in a title', 'POST', '/api/events', eventInput({ title: 'Games\u0000night' }), 'title'],
    ['a NUL in a description', 'POST', '/api/events', eventInput({ description: 'Bring\u0000snacks' }), 'description'],
    ['a line break in a location', 'POST', '/api/events', eventInput({ location: 'Hall 1\nRoom 2' }), 'location'],
    ['a lone surrogate in a title', 'POST', '/api/events', eventInput({ title: 'Games \udc00 night' }), 'title'],
    ['an escape sequence in a title', 'POST', '/api/events', eventInput({ title: 'Games \u001b[31mnight' }), 'title'],
  ] as const)('%s → 400 on that field', async (_what, method, url, body, field) => {
    const before = await eventCount();
    const response = await call(t, method, url, { as: organizer, body });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.details.fields).toHaveProperty(field);
    expect(await eventCount()).toBe(before);
  });

  it('keeps tabs and line breaks in a description, and any language or emoji anywhere', async () => {
    const event = await buildEvent(t, organizer, {
      title: 'Spieleabend 🎲 — 桌游之夜',
      description: 'Line one\n\tindented\r\nthird',
      location: 'Café Zürich',
    });
    expect(event).toMatchObject({ title: 'Spieleabend 🎲 — 桌游之夜', description: 'Line one\n\tindented\r\nthird' });
  });

  it('a NUL in the search → 400 on q', async () => {
    const response = await call(t, 'GET', `/api/events?q=${encodeURIComponent('games\u0000')}`, { as: organizer });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.details.fields).toHaveProperty('q');
  });
});

describe('dates at the ends of the calendar', () => {
  it.each([
    ['year 0', '0000-01-01T00:00:00.000Z'],
    ['year 10000', '+010000-01-01T00:00:00.000Z'],
  ])('a forged list cursor in %s → 400 on cursor', async (_what, startsAt) => {
    const response = await call(t, 'GET', `/api/events?cursor=${cursorFor(startsAt)}`, { as: organizer });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.details.fields).toHaveProperty('cursor');
  });

  it('an event on 31 December 9999 that would end in the year 10000 → 400, nothing written', async () => {
    const before = await eventCount();
    const response = await call(t, 'POST', '/api/events', {
      as: organizer,
      body: eventInput({ startsAt: '9999-12-31T12:00:00.000Z', durationMinutes: 43_200 }),
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.details.fields).toHaveProperty('durationMinutes');
    expect(await eventCount()).toBe(before);
  });

  it('an event that ends at the last minute of 9999 is fine, and reads back the same', async () => {
    const event = await buildEvent(t, organizer, { startsAt: '9999-12-31T22:59:00.000Z', durationMinutes: 60 });
    expect(event.endsAt).toBe('9999-12-31T23:59:00.000Z');
    const listed = await call(t, 'GET', '/api/events?mine=1&limit=100', { as: organizer });
    expect(listed.statusCode).toBe(200);
  });

  it('an edit that pushes the end past 9999 → 400, the event unchanged', async () => {
    const event = await buildEvent(t, organizer, { startsAt: '9999-12-30T00:00:00.000Z', durationMinutes: 60 });
    const response = await call(t, 'PATCH', `/api/events/${event.id}`, {
      as: organizer,
      body: { durationMinutes: 43_200, version: event.version },
    });
    expect(response.statusCode, response.body).toBe(400);
    const [stored] = await t.db.database.db.select().from(events).where(eq(events.id, event.id));
    expect(stored).toMatchObject({ durationMinutes: 60, version: event.version });
  });

  it.each([
    ['year 0', '0000-06-01T00:00:00Z'],
    ['a start before year 1', '-000001-01-01T00:00:00Z'],
    ['no offset', daysFromNow(3).slice(0, 19)],
  ])('a start in %s → 400 on startsAt', async (_what, startsAt) => {
    const response = await call(t, 'POST', '/api/events', { as: organizer, body: eventInput({ startsAt }) });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.details.fields).toHaveProperty('startsAt');
  });
});
