import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { participations } from '../../db/schema';
import { buildEvent } from '../../test/builders/events';
import { buildUser, type TestUser } from '../../test/builders/users';
import { call, join, leave } from '../../test/harness/api';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';

let t: TestApp;
let owner: TestUser;
let joiners: TestUser[];
beforeAll(async () => {
  t = await buildTestApp();
  owner = await buildUser(t, { role: 'organizer' });
  joiners = await Promise.all(Array.from({ length: 5 }, () => buildUser(t)));
});
afterAll(() => t.close());

type Command = { kind: 'join'; who: number } | { kind: 'leave'; who: number } | { kind: 'capacity'; to: number | null };

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('join' as const), who: fc.nat(4) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('leave' as const), who: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('capacity' as const), to: fc.option(fc.integer({ min: 1, max: 4 })) }) },
);

/** The rules in their plainest form: a seat list, a FIFO queue, and promotion whenever a seat is free. */
class Model {
  joined: string[] = [];
  waiting: string[] = [];
  constructor(public capacity: number | null) {}
  private fill() {
    while (this.waiting.length > 0 && (this.capacity === null || this.joined.length < this.capacity)) {
      this.joined.push(this.waiting.shift() as string);
    }
  }
  join(id: string) {
    if (this.joined.includes(id) || this.waiting.includes(id)) return;
    if (this.capacity === null || this.joined.length < this.capacity) this.joined.push(id);
    else this.waiting.push(id);
  }
  leave(id: string) {
    this.joined = this.joined.filter((x) => x !== id);
    this.waiting = this.waiting.filter((x) => x !== id);
    this.fill();
  }
  /** False when the change must be refused (below the joined count). */
  setCapacity(to: number | null): boolean {
    if (to !== null && to < this.joined.length) return false;
    this.capacity = to;
    this.fill();
    return true;
  }
}

describe('participation rules under random sequences', () => {
  it('keep joined within capacity, the waitlist FIFO, and the counts equal to the rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.option(fc.integer({ min: 1, max: 3 })), fc.array(command, { maxLength: 12 }), async (capacity, commands) => {
        const event = await buildEvent(t, owner, { capacity });
        const model = new Model(capacity);
        for (const step of commands) {
          if (step.kind === 'capacity') {
            const { version } = (await call(t, 'GET', `/api/events/${event.id}`, { as: owner })).json().event;
            const response = await call(t, 'PATCH', `/api/events/${event.id}`, { as: owner, body: { capacity: step.to, version } });
            expect(response.statusCode).toBe(model.setCapacity(step.to) ? 200 : 409);
          } else {
            const user = joiners[step.who] as TestUser;
            const response = step.kind === 'join' ? await join(t, user, event.id) : await leave(t, user, event.id);
            expect(response.statusCode).toBe(200);
            if (step.kind === 'join') model.join(user.user.id);
            else model.leave(user.user.id);
          }

          const stored = (await call(t, 'GET', `/api/events/${event.id}`, { as: owner })).json().event;
          const lists = (await call(t, 'GET', `/api/events/${event.id}/attendees`, { as: owner })).json();
          const rows = await t.db.database.db.select().from(participations).where(eq(participations.eventId, event.id));
          if (stored.capacity !== null) expect(stored.joinedCount).toBeLessThanOrEqual(stored.capacity);
          expect(stored.joinedCount).toBe(rows.filter((r) => r.status === 'joined').length);
          expect(stored.waitlistCount).toBe(rows.filter((r) => r.status === 'waitlisted').length);
          expect(lists.joined.map((a: { userId: string }) => a.userId).sort()).toEqual([...model.joined].sort());
          expect(lists.waitlisted.map((a: { userId: string }) => a.userId)).toEqual(model.waiting);
          expect(lists.waitlisted.map((a: { position: number }) => a.position)).toEqual(model.waiting.map((_, i) => i + 1));
        }
      }),
      { numRuns: 25 },
    );
  });
});
