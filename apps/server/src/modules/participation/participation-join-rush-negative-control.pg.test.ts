import { decideJoin } from '@turnout/domain';
import { and, count, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Executor } from '../../db/database';
import { participations } from '../../db/schema';
import { buildEvent } from '../../test/builders/events';
import { buildUser } from '../../test/builders/users';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';
import { inPool, insertJoiners, send, startTwoInstances } from '../../test/harness/load';
import { eventsRepository, recordFrom } from '../events';
import { type JoinOutcome, participationRepository } from './participation.repository';

/**
 * The negative control of participation-join-rush.test.ts, as pretix's suite has one for its
 * quotas: the same rush of 1 000 joins on a 100-seat event over two app instances and real HTTP,
 * with the join's row lock replaced by a read-then-write. That join must oversell; if it did not,
 * the rush would be too gentle to tell a lock from no lock, and the real test would prove nothing.
 *
 * Only the join statement is swapped (a spy on `participationRepository.seatOrWaitlist`); routes,
 * sessions, the service, its per-process turns (two joins per event at a time) and the outbox run
 * as in production. PostgreSQL only: PGlite has one connection, so its statements never interleave.
 *
 * Why it oversells every time, not just sometimes: the turns keep two joins of the event in flight
 * on each instance, four in all, throughout the rush. When the join that takes the last seat
 * commits, the other three are mostly past their read, which saw a free seat, so they seat too: by
 * one to three (101 to 103 seated, in every one of a dozen runs). The second test runs the unchanged join on an
 * identical database, so the lock is the only difference between an oversell and exactly 100.
 */
const joiners = 1000;
const capacity = 100;
const inFlight = 100;

/**
 * The join as it was before it became one statement (docs/decisions/0009), minus `FOR UPDATE`:
 * read the counts in one statement, decide in TypeScript with the same rule, then insert and count
 * in later statements of the transaction. Concurrent joins read the same counts and decide alike.
 */
async function readThenWrite(db: Executor, eventId: string, userId: string, at: Date): Promise<JoinOutcome | null> {
  return db.transaction(async (tx) => {
    const found = await eventsRepository.findWithMine(tx, eventId, userId);
    if (!found) return null;
    const { event, mine } = found;
    const decision = decideJoin(event, mine?.status ?? null, at);
    if (decision.kind === 'already' && mine) return { kind: 'already', event, mine };
    if (decision.kind !== 'added') return { kind: 'ended', event };
    const { status } = decision;
    await tx.insert(participations).values({ eventId, userId, status, createdAt: at.toISOString(), statusAt: at.toISOString() });
    const counts = status === 'joined' ? { joined: 1, waitlisted: 0 } : { joined: 0, waitlisted: 1 };
    const counted = recordFrom(await eventsRepository.update(tx, eventId, {}, counts, at), event);
    return { kind: 'added', event: counted, mine: { status, position: status === 'waitlisted' ? counted.waitlistCount : null } };
  });
}

/**
 * A test app on a database of its own (cloned from the template, dropped on close) without the
 * CHECK joined_count <= capacity. With it, the naive join's counting UPDATE would fail past the
 * capacity and roll its insert back: 500s (which the real test catches too, as it expects every
 * join to answer 200), not an oversell. Without it, what holds the capacity is the join's own rule
 * under its lock, and that is what the control must show can break. One rush per app: the rush
 * keeps the test app listening.
 */
async function appWithoutCheck(): Promise<TestApp> {
  const t = await buildTestApp();
  await t.db.database.db.execute(sql`alter table events drop constraint events_joined_within_capacity`);
  return t;
}

let t: TestApp;
beforeEach(async () => {
  t = await appWithoutCheck();
});
afterEach(() => t.close());

/** The real test's rush; answers every join's status and how many were seated, counted two ways. */
async function rush() {
  const organizer = await buildUser(t, { role: 'organizer' });
  const event = await buildEvent(t, organizer, { capacity });
  const people = await insertJoiners(t, joiners);
  const servers = await startTwoInstances(t);
  const path = `/api/events/${event.id}/participation`;
  try {
    const joins = await inPool(
      people.map((user, i) => () => send(servers.urls[i % 2] as string, 'PUT', path, user)),
      inFlight,
    );
    const [seated] = await t.db.database.db
      .select({ rows: count() })
      .from(participations)
      .where(and(eq(participations.eventId, event.id), eq(participations.status, 'joined')));
    const stored = await eventsRepository.findById(t.db.database.db, event.id);
    return { statuses: joins.map((r) => r.status), seatedRows: seated?.rows, joinedCount: stored?.joinedCount };
  } finally {
    await servers.close();
  }
}

describe(`${joiners} joiners at once on a ${capacity}-seat event, over two app instances, without the CHECK`, () => {
  it('oversells with a join that reads the counts and writes later, without locking the event row', { timeout: 180_000 }, async () => {
    const join = vi.spyOn(participationRepository, 'seatOrWaitlist').mockImplementation(readThenWrite);
    try {
      const naive = await rush();
      expect(join).toHaveBeenCalledTimes(joiners);
      expect(naive.statuses).toEqual(Array.from({ length: joiners }, () => 200));
      // The real test's `expect(before.joined).toHaveLength(capacity)` fails here.
      expect(naive.seatedRows).toBeGreaterThan(capacity);
      expect(naive.joinedCount).toBe(naive.seatedRows);
    } finally {
      join.mockRestore();
    }
  });

  it('seats exactly the capacity with the one-statement join, the CHECK gone as well', { timeout: 180_000 }, async () => {
    const locked = await rush();
    expect(locked.statuses).toEqual(Array.from({ length: joiners }, () => 200));
    expect(locked.seatedRows).toBe(capacity);
    expect(locked.joinedCount).toBe(capacity);
  });
});
