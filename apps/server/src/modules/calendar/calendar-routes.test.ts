import { eq, sql } from 'drizzle-orm';
import ical, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, participations } from '../../db/schema';
import { buildUser, type TestUser } from '../../test/builders/users';
import { ORIGIN } from '../../test/harness/api';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const MINUTE = 60_000;

/** Stored directly: these tests are about calendars, not about how events are created. */
async function insertEvent(
  organizer: TestUser,
  fields: { title?: string; description?: string; location?: string; startsAt?: string; durationMinutes?: number; timezone?: string } = {},
) {
  const startsAt = new Date(fields.startsAt ?? '2030-06-15T16:30:00Z');
  const durationMinutes = fields.durationMinutes ?? 90;
  const [row] = await t.db.database.db
    .insert(events)
    .values({
      organizerId: organizer.user.id,
      title: fields.title ?? 'Team meetup',
      description: fields.description ?? 'Bring snacks',
      location: fields.location ?? 'Alexanderplatz 1, Berlin',
      startsAt: startsAt.toISOString(),
      durationMinutes,
      endsAt: new Date(startsAt.getTime() + durationMinutes * MINUTE).toISOString(),
      timezone: fields.timezone ?? 'Europe/Berlin',
    })
    .returning();
  if (!row) throw new Error('event not inserted');
  return row;
}

const take = (eventId: string, user: TestUser, status: 'joined' | 'waitlisted') =>
  t.db.database.db.insert(participations).values({ eventId, userId: user.user.id, status });

const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

/** A VEVENT's URL: node-ical keeps its VALUE=URI parameter beside it. */
const urlOf = (vevent: VEvent) => {
  const url: unknown = vevent.url;
  return typeof url === 'object' && url !== null && 'val' in url ? url.val : url;
};

const veventsOf = (body: string) => Object.values(ical.sync.parseICS(body)).filter((c): c is VEvent => c?.type === 'VEVENT');

function onlyEvent(body: string): VEvent {
  const [only, ...rest] = veventsOf(body);
  if (!only || rest.length > 0) throw new Error(`expected one VEVENT in:\n${body}`);
  return only;
}

describe('GET /api/events/:id/calendar.ics', () => {
  it('writes the event in its own time zone, with its VTIMEZONE, a stable UID and a file name', async () => {
    const organizer = await buildUser(t, { role: 'organizer' });
    const viewer = await buildUser(t);
    const event = await insertEvent(organizer, { title: 'Team meetup: Q3', description: 'Bring snacks; and, friends\nsecond line' });

    const response = await get(`/api/events/${event.id}/calendar.ics`, viewer.cookie);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="team-meetup-q3.ics"');

    // 16:30 UTC in June is 18:30 in Berlin (CEST, +02:00).
    expect(response.body).toContain('DTSTART;TZID=Europe/Berlin:20300615T183000');
    expect(response.body).toContain('DTEND;TZID=Europe/Berlin:20300615T200000');
    expect(response.body).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Europe\/Berlin\r\n/);
    expect(response.body).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r$/m);

    const vevent = onlyEvent(response.body);
    expect(vevent.uid).toBe(`${event.id}@turnout`);
    expect(vevent.start.toISOString()).toBe('2030-06-15T16:30:00.000Z');
    expect(vevent.start.tz).toBe('Europe/Berlin');
    expect(vevent.end?.toISOString()).toBe('2030-06-15T18:00:00.000Z');
    expect(vevent.summary).toBe('Team meetup: Q3');
    expect(vevent.description).toBe(`Bring snacks; and, friends\nsecond line\n\nEvent page: http://turnout.test/e/${event.id}`);
    expect(vevent.location).toBe('Alexanderplatz 1, Berlin');
    expect(urlOf(vevent)).toBe(`http://turnout.test/e/${event.id}`);
    expect(Number(vevent.sequence)).toBe(0);
  });

  it('keeps wall-clock times right across a daylight-saving change inside the event', async () => {
    const organizer = await buildUser(t, { role: 'organizer' });
    // New York springs forward on 2030-03-10 at 02:00: 01:30 EST to 04:30 EDT is two hours.
    const event = await insertEvent(organizer, { startsAt: '2030-03-10T06:30:00Z', durationMinutes: 120, timezone: 'America/New_York' });
    const response = await get(`/api/events/${event.id}/calendar.ics`, organizer.cookie);
    expect(response.body).toContain('DTSTART;TZID=America/New_York:20300310T013000');
    expect(response.body).toContain('DTEND;TZID=America/New_York:20300310T043000');
    expect(response.body).toMatch(/BEGIN:DAYLIGHT\r\nDTSTART:20300310T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400/);
    const vevent = onlyEvent(response.body);
    expect(vevent.start.toISOString()).toBe('2030-03-10T06:30:00.000Z');
    expect(vevent.end?.toISOString()).toBe('2030-03-10T08:30:00.000Z');
  });

  it('writes UTC events as UTC times', async () => {
    const organizer = await buildUser(t, { role: 'organizer' });
    const event = await insertEvent(organizer, { startsAt: '2030-01-02T03:04:00Z', timezone: 'UTC' });
    const response = await get(`/api/events/${event.id}/calendar.ics`, organizer.cookie);
    expect(response.body).toContain('DTSTART:20300102T030400Z');
    expect(onlyEvent(response.body).start.toISOString()).toBe('2030-01-02T03:04:00.000Z');
  });

  it('keeps the UID and raises SEQUENCE when the event changes', async () => {
    const organizer = await buildUser(t, { role: 'organizer' });
    const event = await insertEvent(organizer);
    const before = onlyEvent((await get(`/api/events/${event.id}/calendar.ics`, organizer.cookie)).body);
    await t.db.database.db
      .update(events)
      .set({ location: 'Moved to the park', version: sql`${events.version} + 1`, updatedAt: new Date().toISOString() })
      .where(eq(events.id, event.id));
    const after = onlyEvent((await get(`/api/events/${event.id}/calendar.ics`, organizer.cookie)).body);
    expect(after.uid).toBe(before.uid);
    expect(Number(after.sequence)).toBe(Number(before.sequence) + 1);
    expect(after.location).toBe('Moved to the park');
  });

  it('needs a login, answers 404 for an unknown event and 400 for a malformed id', async () => {
    const viewer = await buildUser(t);
    const event = await insertEvent(await buildUser(t, { role: 'organizer' }));
    const anonymous = await get(`/api/events/${event.id}/calendar.ics`);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('unauthenticated');
    const unknown = await get(`/api/events/${crypto.randomUUID()}/calendar.ics`, viewer.cookie);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
    const malformed = await get('/api/events/not-a-uuid/calendar.ics', viewer.cookie);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.details.fields).toHaveProperty('id');
  });
});

describe('GET /api/public/events/:id/calendar.ics', () => {
  it('serves the event without a login, linking to its public page and never to its online join link', async () => {
    const organizer = await buildUser(t, { role: 'organizer' });
    const event = await insertEvent(organizer, {
      title: 'Remote meetup',
      description: 'Talk about **things** [here](https://slides.example.test)',
    });
    await t.db.database.db
      .update(events)
      .set({ locationType: 'online', location: 'Zoom', onlineUrl: 'https://meet.example.test/j/secret' })
      .where(eq(events.id, event.id));

    const response = await get(`/api/public/events/${event.id}/calendar.ics`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="remote-meetup.ics"');
    expect(response.body).not.toContain('meet.example.test');
    const vevent = onlyEvent(response.body);
    expect(urlOf(vevent)).toBe(`http://turnout.test/e/${event.id}`);
    expect(vevent.location).toBeUndefined();
    expect(vevent.description).toBe(
      `Talk about things here (https://slides.example.test)\n\nWhere: Zoom\n\nEvent page: http://turnout.test/e/${event.id}`,
    );
    // The same document as the logged-in download.
    const viewer = await buildUser(t);
    expect(onlyEvent((await get(`/api/events/${event.id}/calendar.ics`, viewer.cookie)).body).description).toBe(vevent.description);
  });

  it('answers 404 for an unknown event and 400 for a malformed id', async () => {
    expect((await get(`/api/public/events/${crypto.randomUUID()}/calendar.ics`)).statusCode).toBe(404);
    expect((await get('/api/public/events/nope/calendar.ics')).statusCode).toBe(400);
  });
});

describe('personal calendar feed', () => {
  const tokenOf = async (user: TestUser) => {
    const response = await get('/api/calendar/token', user.cookie);
    expect(response.statusCode).toBe(200);
    return response.json() as { token: string; feedPath: string; feedUrl: string };
  };
  const rotate = (user: TestUser, origin = ORIGIN) =>
    t.app.inject({ method: 'POST', url: '/api/calendar/token', headers: { cookie: user.cookie, origin } });

  it('creates the token on first request and keeps it until rotated', async () => {
    const user = await buildUser(t);
    const first = await tokenOf(user);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.feedPath).toBe(`/api/calendar/${first.token}.ics`);
    expect(first.feedUrl).toBe(`http://turnout.test/api/calendar/${first.token}.ics`);
    expect(await tokenOf(user)).toEqual(first);
    expect((await tokenOf(await buildUser(t))).token).not.toBe(first.token);
  });

  it('serves exactly the events the user organizes or has joined, without a login', async () => {
    const organizer = await buildUser(t, { role: 'organizer' });
    const joiner = await buildUser(t);
    const other = await buildUser(t, { role: 'organizer' });
    const organized = await insertEvent(organizer, { title: 'Mine', timezone: 'Asia/Tokyo' });
    const joined = await insertEvent(other, { title: 'Joined', startsAt: '2030-01-20T09:00:00Z', timezone: 'America/New_York' });
    const waitlisted = await insertEvent(other, { title: 'Waitlisted' });
    await insertEvent(other, { title: 'Unrelated' });
    await take(joined.id, organizer, 'joined');
    await take(waitlisted.id, organizer, 'waitlisted');
    await take(organized.id, joiner, 'joined');

    const { feedPath } = await tokenOf(organizer);
    const response = await get(feedPath);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('inline; filename="turnout.ics"');
    const feed = veventsOf(response.body);
    expect(feed.map((e) => e.uid).sort()).toEqual([`${organized.id}@turnout`, `${joined.id}@turnout`].sort());
    expect(response.body).toMatch(/TZID:Asia\/Tokyo\r\n/);
    expect(response.body).toMatch(/TZID:America\/New_York\r\n/);
    const joinedInFeed = feed.find((e) => e.uid === `${joined.id}@turnout`);
    expect(joinedInFeed?.start.toISOString()).toBe('2030-01-20T09:00:00.000Z');
    expect(joinedInFeed?.start.tz).toBe('America/New_York');
    // A feed is its owner's own events: each links to the app's page of it.
    expect(joinedInFeed && urlOf(joinedInFeed)).toBe(`http://turnout.test/events/${joined.id}`);

    const joinerFeed = veventsOf((await get((await tokenOf(joiner)).feedPath)).body);
    expect(joinerFeed.map((e) => e.uid)).toEqual([`${organized.id}@turnout`]);
  });

  it('rotation gives a new token and the old feed address answers 404', async () => {
    const user = await buildUser(t);
    const old = await tokenOf(user);
    const rotated = await rotate(user);
    expect(rotated.statusCode).toBe(200);
    const fresh = rotated.json() as { token: string; feedPath: string };
    expect(fresh.token).not.toBe(old.token);
    expect(await tokenOf(user)).toMatchObject({ token: fresh.token });
    const gone = await get(old.feedPath);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('not_found');
    expect((await get(fresh.feedPath)).statusCode).toBe(200);
  });

  it('refuses token requests without a login and rotation from another origin', async () => {
    const user = await buildUser(t);
    expect((await get('/api/calendar/token')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/calendar/token', headers: { origin: ORIGIN } })).statusCode).toBe(401);
    const foreign = await rotate(user, 'https://evil.example');
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('cross_origin_refused');
  });

  it('answers an unknown token with 404 and a malformed one with 400', async () => {
    expect((await get(`/api/calendar/${'A'.repeat(43)}.ics`)).statusCode).toBe(404);
    const malformed = await get('/api/calendar/short.ics');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('validation_failed');
  });
});
