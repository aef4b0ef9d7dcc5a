import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterCapacityChange, afterLeave, capacityAllows, decideJoin, freeSeats, promotable, type Seats, seatFor } from './seating';

const seats = (capacity: number | null, joinedCount: number, waitlistCount: number): Seats => ({ capacity, joinedCount, waitlistCount });
const tomorrow = new Date(Date.now() + 86_400_000).toISOString();

describe('freeSeats', () => {
  it('counts the seats left, never below zero, and never runs out without a capacity', () => {
    expect(freeSeats(seats(10, 3, 0))).toBe(7);
    expect(freeSeats(seats(10, 10, 4))).toBe(0);
    expect(freeSeats(seats(5, 7, 0))).toBe(0);
    expect(freeSeats(seats(null, 1_000_000, 0))).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('seatFor', () => {
  it('seats a newcomer while a seat is free and nobody waits', () => {
    expect(seatFor(seats(2, 1, 0))).toBe('joined');
    expect(seatFor(seats(null, 40, 0))).toBe('joined');
  });

  it('sends a newcomer to the end of the line when full', () => {
    expect(seatFor(seats(2, 2, 0))).toBe('waitlisted');
  });

  it('never lets a newcomer overtake someone waiting, even with a seat free', () => {
    expect(seatFor(seats(3, 2, 1))).toBe('waitlisted');
  });

  it('seats a party only when all of it fits', () => {
    expect(seatFor(seats(4, 1, 0), 3)).toBe('joined');
    expect(seatFor(seats(4, 2, 0), 3)).toBe('waitlisted');
  });
});

describe('decideJoin', () => {
  const event = { ...seats(1, 0, 0), endsAt: tomorrow };

  it('takes a seat and counts it', () => {
    expect(decideJoin(event, null, Date.now())).toEqual({ kind: 'added', status: 'joined', seats: seats(1, 1, 0) });
  });

  it('waits in line and counts it when full', () => {
    expect(decideJoin({ ...event, joinedCount: 1 }, null, Date.now())).toEqual({
      kind: 'added',
      status: 'waitlisted',
      seats: seats(1, 1, 1),
    });
  });

  it('changes nothing for someone already on the event, ended or not', () => {
    expect(decideJoin(event, 'waitlisted', Date.now())).toEqual({ kind: 'already' });
    expect(decideJoin({ ...event, endsAt: new Date(0) }, 'joined', Date.now())).toEqual({ kind: 'already' });
  });

  it('takes nobody new once the event has ended, at its very end too', () => {
    expect(decideJoin(event, null, tomorrow)).toEqual({ kind: 'ended' });
  });
});

describe('promotable', () => {
  it('moves up as many as there are free seats, first come first served', () => {
    expect(promotable(seats(5, 2, 10))).toBe(3);
    expect(promotable(seats(5, 2, 1))).toBe(1);
    expect(promotable(seats(null, 2, 7))).toBe(7);
    expect(promotable(seats(5, 5, 3))).toBe(0);
  });

  it('stops the line at the first party that does not fit: smaller ones behind it wait', () => {
    // Two seats free; a party of three is first, a party of one behind it.
    expect(promotable(seats(5, 3, 4), [3, 1])).toBe(0);
    expect(promotable(seats(6, 3, 4), [3, 1])).toBe(1);
    expect(promotable(seats(7, 3, 4), [3, 1])).toBe(2);
  });
});

describe('afterLeave', () => {
  it('gives a seat someone left to the first in line', () => {
    expect(afterLeave(seats(2, 2, 3), { status: 'joined' })).toEqual({ seats: seats(2, 2, 2), promoted: 1 });
  });

  it('frees no seat when someone waiting leaves', () => {
    expect(afterLeave(seats(2, 2, 3), { status: 'waitlisted' })).toEqual({ seats: seats(2, 2, 2), promoted: 0 });
  });

  it('leaves the seat free when nobody waits', () => {
    expect(afterLeave(seats(2, 2, 0), { status: 'joined' })).toEqual({ seats: seats(2, 1, 0), promoted: 0 });
  });

  it('lets the party behind move up when the party ahead of it leaves the line', () => {
    // One seat free; a party of two waits first, then one person. The two leave the line.
    expect(afterLeave(seats(3, 2, 3), { status: 'waitlisted', size: 2 }, [1])).toEqual({ seats: seats(3, 3, 0), promoted: 1 });
  });
});

describe('capacity changes', () => {
  it('refuses a capacity below the seats taken, and allows unlimited', () => {
    expect(capacityAllows(seats(5, 4, 0), 3)).toBe(false);
    expect(capacityAllows(seats(5, 4, 0), 4)).toBe(true);
    expect(capacityAllows(seats(5, 4, 0), null)).toBe(true);
  });

  it('seats the head of the line at once when capacity rises', () => {
    expect(afterCapacityChange(seats(2, 2, 5), 4)).toEqual({ seats: seats(4, 4, 3), promoted: 2 });
    expect(afterCapacityChange(seats(2, 2, 5), null)).toEqual({ seats: seats(null, 7, 0), promoted: 5 });
  });
});

/** The rules in their plainest form: seated parties, a line of parties, and moving up whenever the head fits. */
class Model {
  seated = new Map<number, number>();
  line: { id: number; size: number }[] = [];
  constructor(public capacity: number | null) {}
  get taken() {
    return [...this.seated.values()].reduce((a, b) => a + b, 0);
  }
  get waiting() {
    return this.line.reduce((a, p) => a + p.size, 0);
  }
  fill() {
    let moved = 0;
    for (let head = this.line[0]; head && (this.capacity === null || this.taken + head.size <= this.capacity); head = this.line[0]) {
      this.seated.set(head.id, head.size);
      this.line.shift();
      moved += 1;
    }
    return moved;
  }
  counts(): Seats {
    return { capacity: this.capacity, joinedCount: this.taken, waitlistCount: this.waiting };
  }
}

type Step = { kind: 'join'; id: number; size: number } | { kind: 'leave'; id: number } | { kind: 'capacity'; to: number | null };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('join' as const), id: fc.nat(7), size: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('leave' as const), id: fc.nat(7) }),
  fc.record({ kind: fc.constant('capacity' as const), to: fc.option(fc.integer({ min: 1, max: 8 })) }),
);

describe('the seating functions against a model of seats and a line', () => {
  it('keep the same counts, never seat past capacity, and never let a party overtake', () => {
    fc.assert(
      fc.property(fc.option(fc.integer({ min: 1, max: 6 })), fc.array(step, { maxLength: 30 }), (capacity, steps) => {
        const model = new Model(capacity);
        let counts = model.counts();
        for (const s of steps) {
          if (s.kind === 'join') {
            const on = model.seated.has(s.id) || model.line.some((p) => p.id === s.id);
            const decision = decideJoin({ ...counts, endsAt: tomorrow }, on ? 'joined' : null, Date.now(), s.size);
            if (on) {
              expect(decision.kind).toBe('already');
              continue;
            }
            if (decision.kind !== 'added') throw new Error(`unexpected ${decision.kind}`);
            const fits = model.line.length === 0 && (model.capacity === null || model.taken + s.size <= model.capacity);
            expect(decision.status).toBe(fits ? 'joined' : 'waitlisted');
            if (fits) model.seated.set(s.id, s.size);
            else model.line.push({ id: s.id, size: s.size });
            counts = decision.seats;
          } else if (s.kind === 'leave') {
            const size = model.seated.get(s.id) ?? model.line.find((p) => p.id === s.id)?.size;
            if (size === undefined) continue;
            const status = model.seated.has(s.id) ? 'joined' : 'waitlisted';
            model.seated.delete(s.id);
            model.line = model.line.filter((p) => p.id !== s.id);
            const change = afterLeave(
              counts,
              { status, size },
              model.line.map((p) => p.size),
            );
            expect(change.promoted).toBe(model.fill());
            counts = change.seats;
          } else {
            expect(capacityAllows(counts, s.to)).toBe(s.to === null || s.to >= model.taken);
            if (!capacityAllows(counts, s.to)) continue;
            model.capacity = s.to;
            const change = afterCapacityChange(
              counts,
              s.to,
              model.line.map((p) => p.size),
            );
            expect(change.promoted).toBe(model.fill());
            counts = change.seats;
          }
          expect(counts).toEqual(model.counts());
          if (counts.capacity !== null) expect(counts.joinedCount).toBeLessThanOrEqual(counts.capacity);
        }
      }),
      { numRuns: 500 },
    );
  });
});
