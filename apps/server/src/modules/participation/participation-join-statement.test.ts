import { decideJoin, type SeatStatus } from '@turnout/domain';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, participations } from '../../db/schema';
import { buildUser, type TestUser } from '../../test/builders/users';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';
import { participationRepository } from './participation.repository';

let t: TestApp;
let organizer: TestUser;
let viewer: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  organizer = await buildUser(t, { role: 'organizer' });
  viewer = await buildUser(t);
});
afterAll(() => t.close());

const HOUR_MS = 3_600_000;

/** An event's stored seat counts, how far its end is from the moment of the join, and the viewer's place. */
const eventState = fc
  .record({
    capacity: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
    joined: fc.nat(8),
    waitlisted: fc.nat(4),
    // Ended long ago, ending exactly now, a millisecond from now, or tomorrow.
    endsInMs: fc.constantFrom(-HOUR_MS, 0, 1, 24 * HOUR_MS),
    mine: fc.constantFrom<SeatStatus | null>(null, 'joined', 'waitlisted'),
  })
  // Whatever the code does, the database never holds more seated than seats.
  .map((s) => ({ ...s, joined: s.capacity === null ? s.joined : Math.min(s.joined, s.capacity) }));

describe('the join statement and the seating rules', () => {
  it('decide the same for any stored event state', async () => {
    await fc.assert(
      fc.asyncProperty(eventState, async (state) => {
        const db = t.db.database.db;
        const at = new Date();
        const endsAt = new Date(at.getTime() + state.endsInMs);
        const [row] = await db
          .insert(events)
          .values({
            organizerId: organizer.user.id,
            title: 'Seating',
            location: 'Hall',
            startsAt: new Date(endsAt.getTime() - HOUR_MS).toISOString(),
            durationMinutes: 60,
            endsAt: endsAt.toISOString(),
            timezone: 'UTC',
            capacity: state.capacity,
            joinedCount: state.joined,
            waitlistCount: state.waitlisted,
          })
          .returning();
        if (!row) throw new Error('no event inserted');
        if (state.mine) await db.insert(participations).values({ eventId: row.id, userId: viewer.user.id, status: state.mine });

        const outcome = await participationRepository.seatOrWaitlist(db, row.id, viewer.user.id, at);
        const expected = decideJoin(
          { capacity: state.capacity, joinedCount: state.joined, waitlistCount: state.waitlisted, endsAt },
          state.mine,
          at,
        );

        expect(outcome?.kind).toBe(expected.kind);
        const [stored] = await db.select().from(events).where(eq(events.id, row.id));
        if (expected.kind === 'added') {
          if (outcome?.kind !== 'added') throw new Error('the statement added nobody');
          expect(outcome.mine.status).toBe(expected.status);
          expect(outcome.mine.position).toBe(expected.status === 'waitlisted' ? expected.seats.waitlistCount : null);
          expect({ joined: outcome.event.joinedCount, waitlisted: outcome.event.waitlistCount }).toEqual({
            joined: expected.seats.joinedCount,
            waitlisted: expected.seats.waitlistCount,
          });
          expect(stored).toMatchObject({
            joinedCount: expected.seats.joinedCount,
            waitlistCount: expected.seats.waitlistCount,
            version: 2,
          });
        } else {
          // Nothing written: not the counts, not the version, no participation.
          expect(stored).toMatchObject({ joinedCount: state.joined, waitlistCount: state.waitlisted, version: 1 });
          const rows = await db.select().from(participations).where(eq(participations.eventId, row.id));
          expect(rows.map((r) => r.status)).toEqual(state.mine ? [state.mine] : []);
        }
      }),
      { numRuns: 150 },
    );
  });
});
