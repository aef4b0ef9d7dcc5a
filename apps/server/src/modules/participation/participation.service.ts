import { type AttendeesResponse, ErrorCode } from '@turnout/contracts';
import { afterLeave, hasEnded } from '@turnout/domain';
import type { Db } from '../../db/database';
import type { RunInTransaction, RunStatement } from '../../db/unit-of-work';
import { conflict, forbidden, notFound } from '../../http/errors';
import { toUser } from '../../realtime/publisher';
import type { Viewer } from '../auth';
import {
  type EventRecord,
  type EventWithMine,
  eventPolicy,
  eventsRepository,
  type MyParticipation,
  presentParticipation,
  recordFrom,
} from '../events';
import type { AttendeeLists } from './participation.attendee-lists';
import type { ParticipationMessages } from './participation.messages';
import { participationPolicy } from './participation.policy';
import { presentAttendees, presentGuestList } from './participation.presenter';
import { participationRepository } from './participation.repository';
import { createTurns } from './participation.turns';
import { announceCounts, announceParticipation, promoteWaitlisted } from './participation.waitlist';

export interface ParticipationServiceDeps {
  db: Db;
  runInTransaction: RunInTransaction;
  runStatement: RunStatement;
  attendeeLists: AttendeeLists;
  messages: ParticipationMessages;
  now?: () => Date;
}

const eventEnded = (what: string) => conflict(ErrorCode.eventEnded, `This event has ended: ${what}.`);

export function createParticipationService(deps: ParticipationServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const inTurn = createTurns(2);

  return {
    /**
     * Seats the viewer if a seat is free and nobody is waiting, else waitlists them (the seating
     * rules' `decideJoin`), in one statement that locks the event row: joins on any number of
     * processes take turns on it, and the CHECK on joined_count <= capacity backs the rule.
     * Joining again answers the current state.
     */
    async join(viewer: Viewer, eventId: string): Promise<{ event: EventRecord; mine: NonNullable<MyParticipation> }> {
      return inTurn(eventId, () =>
        deps.runStatement(async (db, outbox) => {
          const outcome = await participationRepository.seatOrWaitlist(db, eventId, viewer.id, now());
          if (!outcome) throw notFound('Event');
          if (outcome.kind === 'host') throw forbidden('You host this event: organizers don’t join their own events.');
          if (outcome.kind === 'ended') throw eventEnded('it can no longer be joined');
          const { event, mine } = outcome;
          if (outcome.kind === 'already') return { event, mine };
          outbox.add(toUser(viewer.id, 'participation:mine', { eventId, ...presentParticipation(mine) }));
          announceCounts(outbox, deps.attendeeLists, event);
          outbox.afterCommit(() => deps.messages.joined(event));
          return { event, mine };
        }),
      );
    },

    /** Leaving frees the seat for the first waitlisted joiner, in the same transaction. Idempotent. */
    async leave(viewer: Viewer, eventId: string): Promise<EventWithMine> {
      return inTurn(eventId, () =>
        deps.runInTransaction(async (tx, outbox) => {
          const event = await eventsRepository.lockById(tx, eventId);
          if (!event) throw notFound('Event');
          // Read after the lock is held, in a statement of its own: its snapshot then includes a leave
          // of the same person that committed while this one waited (a double click), so a
          // participation is never removed, and its seat counted free, twice.
          const mine = await participationRepository.findMine(tx, eventId, viewer.id);
          if (!mine) return { event, mine: null };
          const at = now();
          if (hasEnded(event, at)) throw eventEnded('its attendance can no longer change');

          await participationRepository.remove(tx, eventId, viewer.id, at);
          const seating = afterLeave(event, { status: mine.status });
          const counts = {
            joined: seating.seats.joinedCount - event.joinedCount,
            waitlisted: seating.seats.waitlistCount - event.waitlistCount,
          };
          const updated = recordFrom(await eventsRepository.update(tx, eventId, {}, counts, at), event);
          outbox.add(toUser(viewer.id, 'participation:mine', { eventId, status: 'removed' }));
          await deps.messages.left(tx, updated);
          if ((await promoteWaitlisted(tx, outbox, updated, seating.promoted, at)).length > 0) await deps.messages.promoted(tx, updated);
          const movedFrom = mine.status === 'waitlisted' ? mine.position : seating.promoted > 0 ? 1 : null;
          await announceParticipation(tx, outbox, deps.attendeeLists, updated, movedFrom);
          return { event: updated, mine: null };
        }),
      );
    },

    /**
     * Who is going, in arrival order: the organizer gets the joined list and the waitlist; anyone
     * else the joined list while the organizer shows it (an empty waitlist), else a 403.
     */
    async attendees(viewer: Viewer, eventId: string): Promise<AttendeesResponse> {
      const list = await participationRepository.listAttendees(deps.db, eventId);
      if (!list) throw notFound('Event');
      if (eventPolicy.manage(viewer, list)) return presentAttendees(list);
      if (!participationPolicy.seeGuestList(viewer, list)) throw forbidden('The organizer keeps the guest list private.');
      return presentGuestList(list);
    },
  };
}

export type ParticipationService = ReturnType<typeof createParticipationService>;
