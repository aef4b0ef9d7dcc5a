/**
 * Seating: who gets a seat, who waits, and who moves up when seats free. This is the one home of
 * the capacity rule. The server decides with it under the event's row lock (the join itself runs as
 * one SQL statement, tied to `decideJoin` by a property test), and the web app guesses with it
 * before the server answers.
 *
 * Seats are counted per party: a joiner alone is a party of one seat. A party is seated whole or
 * waits whole, and the line is first come, first served: a party that does not fit yet stops the
 * line, and smaller parties behind it do not overtake it.
 */
import { hasEnded, type Instant } from './schedule';

/** What an event stores about its seats; every decision here reads only this. */
export interface Seats {
  /** The most seats that can be taken; null is unlimited. */
  capacity: number | null;
  /** Seats taken by the parties seated. */
  joinedCount: number;
  /** Seats asked for by the parties waiting. */
  waitlistCount: number;
}

export type SeatStatus = 'joined' | 'waitlisted';

/** Party sizes in line order, for a waitlist of `count` people each on their own. */
function* partiesOfOne(count: number): Generator<number> {
  for (let i = 0; i < count; i++) yield 1;
}

/** Seats still free; unlimited capacity never runs out. */
export const freeSeats = (seats: Pick<Seats, 'capacity' | 'joinedCount'>): number =>
  seats.capacity === null ? Number.POSITIVE_INFINITY : Math.max(0, seats.capacity - seats.joinedCount);

/** Where a newcomer's party goes: a seat when it fits and nobody waits ahead of it, else the end of the line. */
export const seatFor = (seats: Seats, size = 1): SeatStatus =>
  size <= freeSeats(seats) && seats.waitlistCount === 0 ? 'joined' : 'waitlisted';

/** What one join does to an event, as the join statement decides it. */
export type JoinDecision =
  /** They are already on the event: joining again changes nothing and answers their place. */
  | { kind: 'already' }
  /** The event is over: nobody new is taken. */
  | { kind: 'ended' }
  | { kind: 'added'; status: SeatStatus; seats: Seats };

export function decideJoin(event: Seats & { endsAt: Instant }, mine: SeatStatus | null, at: Instant | number, size = 1): JoinDecision {
  if (mine !== null) return { kind: 'already' };
  if (hasEnded(event, at)) return { kind: 'ended' };
  const status = seatFor(event, size);
  const seats =
    status === 'joined'
      ? { ...pick(event), joinedCount: event.joinedCount + size }
      : { ...pick(event), waitlistCount: event.waitlistCount + size };
  return { kind: 'added', status, seats };
}

/**
 * The parties at the head of the line that the free seats take, in line order, and the seats they
 * take. The first party that does not fit stops the line.
 */
function headOfLine(seats: Seats, line: Iterable<number>): { parties: number; seats: number } {
  let free = freeSeats(seats);
  let parties = 0;
  let taken = 0;
  for (const size of line) {
    if (size > free) break;
    free -= size;
    taken += size;
    parties += 1;
  }
  return { parties, seats: taken };
}

/**
 * How many waiting parties the free seats take now, first come first served. `line` gives the
 * waiting parties' sizes in order; by default everyone waits on their own.
 */
export const promotable = (seats: Seats, line: Iterable<number> = partiesOfOne(seats.waitlistCount)): number =>
  headOfLine(seats, line).parties;

/** Seats after a change, and how many parties from the head of the line it seated. */
export interface SeatChange {
  seats: Seats;
  promoted: number;
}

function promoteInto(seats: Seats, line: Iterable<number> | undefined): SeatChange {
  const head = headOfLine(seats, line ?? partiesOfOne(seats.waitlistCount));
  return {
    seats: { ...seats, joinedCount: seats.joinedCount + head.seats, waitlistCount: seats.waitlistCount - head.seats },
    promoted: head.parties,
  };
}

const pick = ({ capacity, joinedCount, waitlistCount }: Seats): Seats => ({ capacity, joinedCount, waitlistCount });

/**
 * A party leaves: its seats, or its place in line, are freed, and the head of the line (`line`, as
 * it stands once the party left) takes whatever now fits.
 */
export function afterLeave(seats: Seats, leaving: { status: SeatStatus; size?: number }, line?: Iterable<number>): SeatChange {
  const size = leaving.size ?? 1;
  const left =
    leaving.status === 'joined'
      ? { ...pick(seats), joinedCount: seats.joinedCount - size }
      : { ...pick(seats), waitlistCount: seats.waitlistCount - size };
  return promoteInto(left, line);
}

/** Capacity may be set to `to` unless fewer seats than are already taken: nobody seated is unseated. */
export const capacityAllows = (seats: Pick<Seats, 'joinedCount'>, to: number | null): boolean => to === null || to >= seats.joinedCount;

/** A new capacity (one `capacityAllows`): a raise seats the head of the line at once. */
export const afterCapacityChange = (seats: Seats, to: number | null, line?: Iterable<number>): SeatChange =>
  promoteInto({ ...pick(seats), capacity: to }, line);
