import type { EventCreateInput } from '@turnout/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, eventInput } from '../../test/builders/events';
import { buildUser, type TestUser } from '../../test/builders/users';
import { call } from '../../test/harness/api';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';

let t: TestApp;
let people: Record<Who, TestUser | undefined>;
type Who = 'anonymous' | 'joiner' | 'otherOrganizer' | 'owner';

beforeAll(async () => {
  t = await buildTestApp();
  people = {
    anonymous: undefined,
    joiner: await buildUser(t, { role: 'joiner' }),
    otherOrganizer: await buildUser(t, { role: 'organizer' }),
    owner: await buildUser(t, { role: 'organizer' }),
  };
});
afterAll(() => t.close());

type Endpoint = {
  name: string;
  request: (eventId: string, version: number) => { method: 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'GET'; url: string; body?: unknown };
  expected: Record<Who, number>;
  /** How the event asked about is made, when not as buildEvent makes it. */
  event?: Partial<EventCreateInput>;
};

/** Every endpoint that changes or reveals an event's data, and the one right answer for each kind of caller. */
const matrix: Endpoint[] = [
  {
    name: 'POST /api/events',
    request: () => ({ method: 'POST', url: '/api/events', body: eventInput() }),
    expected: { anonymous: 401, joiner: 403, otherOrganizer: 201, owner: 201 },
  },
  {
    name: 'PATCH /api/events/:id',
    request: (id, version) => ({ method: 'PATCH', url: `/api/events/${id}`, body: { title: 'Changed', version } }),
    expected: { anonymous: 401, joiner: 403, otherOrganizer: 403, owner: 200 },
  },
  {
    name: 'DELETE /api/events/:id',
    request: (id) => ({ method: 'DELETE', url: `/api/events/${id}` }),
    expected: { anonymous: 401, joiner: 403, otherOrganizer: 403, owner: 204 },
  },
  {
    name: 'GET /api/events/:id/deletion',
    request: (id) => ({ method: 'GET', url: `/api/events/${id}/deletion` }),
    expected: { anonymous: 401, joiner: 403, otherOrganizer: 403, owner: 200 },
  },
  {
    name: 'PUT /api/events/:id/participation',
    request: (id) => ({ method: 'PUT', url: `/api/events/${id}/participation` }),
    // Organizers attend other organizers' events, never their own (docs/product.md §1).
    expected: { anonymous: 401, joiner: 200, otherOrganizer: 200, owner: 403 },
  },
  {
    name: 'DELETE /api/events/:id/participation',
    request: (id) => ({ method: 'DELETE', url: `/api/events/${id}/participation` }),
    // Idempotent: the owner, never on their own event, is answered the event as it is.
    expected: { anonymous: 401, joiner: 200, otherOrganizer: 200, owner: 200 },
  },
  {
    name: 'GET /api/events/:id/attendees',
    request: (id) => ({ method: 'GET', url: `/api/events/${id}/attendees` }),
    expected: { anonymous: 401, joiner: 200, otherOrganizer: 200, owner: 200 },
  },
  {
    name: 'GET /api/events/:id/attendees of a hidden list',
    request: (id) => ({ method: 'GET', url: `/api/events/${id}/attendees` }),
    expected: { anonymous: 401, joiner: 403, otherOrganizer: 403, owner: 200 },
    event: { attendeesVisible: false },
  },
  {
    name: 'POST /api/notifications/read',
    request: () => ({ method: 'POST', url: '/api/notifications/read', body: {} }),
    expected: { anonymous: 401, joiner: 200, otherOrganizer: 200, owner: 200 },
  },
];

const cases = matrix.flatMap((endpoint) =>
  (Object.keys(endpoint.expected) as Who[]).map((who) => [endpoint.name, who, endpoint.expected[who], endpoint] as const),
);

describe('authorization matrix', () => {
  it.each(cases)('%s as %s → %i', async (_name, who, status, endpoint) => {
    const event = await buildEvent(t, people.owner as TestUser, endpoint.event);
    const { method, url, body } = endpoint.request(event.id, event.version);
    const response = await call(t, method, url, { as: people[who], body });
    expect(response.statusCode).toBe(status);
    if (status >= 400) expect(response.json().error.code).toBe(status === 401 ? 'unauthenticated' : 'forbidden');
  });

  it('answers 401 before looking at the body or the id, so anonymous callers learn nothing', async () => {
    const response = await call(t, 'PATCH', '/api/events/not-an-id', { body: { title: 42 } });
    expect(response.statusCode).toBe(401);
  });

  it('leaves a refused edit or delete without effect', async () => {
    const event = await buildEvent(t, people.owner as TestUser, { title: 'Untouched' });
    await call(t, 'PATCH', `/api/events/${event.id}`, { as: people.otherOrganizer, body: { title: 'Hijacked', version: event.version } });
    await call(t, 'DELETE', `/api/events/${event.id}`, { as: people.otherOrganizer });
    const read = await call(t, 'GET', `/api/events/${event.id}`, { as: people.joiner });
    expect(read.json().event).toMatchObject({ title: 'Untouched', version: event.version });
  });
});
