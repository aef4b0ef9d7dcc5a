import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { eventData, eventTimezones } from './calendar.presenter';
import type { CalendarEventRow } from './calendar.repository';

export interface InvitationOptions {
  /** REQUEST adds the event to the reader's calendar or updates it there; CANCEL takes it off. */
  method: 'REQUEST' | 'CANCEL';
  publicOrigin: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  /** The online join link, for an attendee with a seat only (never a waitlisted one's or a cancellation). */
  joinUrl?: string | null;
}

/**
 * One event as an iTIP message for a mail (RFC 5546): the feed's UID, so the invitation, its
 * updates and the feed all make one entry. SEQUENCE orders them (§2.1.4): a REQUEST carries
 * `version - 1`, as the feed does, so each edit supersedes the last; a CANCEL carries `version`,
 * one past the REQUEST of the event as last stored, so it wins over every invitation sent before.
 */
export function presentInvitation(event: CalendarEventRow, options: InvitationOptions): string {
  const cancel = options.method === 'CANCEL';
  const calendar = ical({
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    prodId: { company: 'Turnout', product: 'Turnout', language: 'EN' },
  });
  calendar.timezone(eventTimezones([event]));
  calendar.createEvent({
    // A cancelled event's page is deleted with it, and its join link is of no more use.
    ...eventData(
      event,
      cancel ? { pageUrl: null } : { pageUrl: `${options.publicOrigin}/events/${event.id}`, joinUrl: options.joinUrl ?? null },
    ),
    sequence: cancel ? event.version : event.version - 1,
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: options.organizer.name, email: options.organizer.email },
    attendees: [
      {
        name: options.attendee.name,
        email: options.attendee.email,
        role: ICalAttendeeRole.REQ,
        // Joining on Turnout was the answer: the calendar app asks for none.
        rsvp: false,
        status: cancel ? null : ICalAttendeeStatus.ACCEPTED,
      },
    ],
  });
  return calendar.toString();
}
