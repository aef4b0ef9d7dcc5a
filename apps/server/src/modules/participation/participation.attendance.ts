import type { EventAttendance } from '../events';
import type { AttendeeLists } from './participation.attendee-lists';
import type { ParticipationMessages } from './participation.messages';
import { participationRepository } from './participation.repository';
import { announceParticipation, promoteWaitlisted } from './participation.waitlist';

/** What the events service needs from participation when an event is edited or deleted. */
export function createEventAttendance(lists: AttendeeLists, messages: ParticipationMessages): EventAttendance {
  return {
    async promote(tx, outbox, event, count, at) {
      if ((await promoteWaitlisted(tx, outbox, event, count, at)).length > 0) await messages.promoted(tx, event);
    },
    // Promotions come off the head of the line: every place from the first on moved.
    announceMoves: (tx, outbox, event) => announceParticipation(tx, outbox, lists, event, 1),
    participantIds: (db, eventId) => participationRepository.listParticipantIds(db, eventId),
    departedIds: (db, eventId) => participationRepository.listDepartedIds(db, eventId),
  };
}
