import type { Event, EventView, Participation } from '@turnout/contracts';
import type { EventRecord, MyParticipation } from './events.repository';

export const presentEvent = (event: EventRecord): Event => ({
  id: event.id,
  organizerId: event.organizerId,
  organizerName: event.organizerName,
  title: event.title,
  description: event.description,
  location: event.location,
  startsAt: event.startsAt,
  endsAt: event.endsAt,
  timezone: event.timezone,
  durationMinutes: event.durationMinutes,
  capacity: event.capacity,
  reminders: event.reminders,
  joinedCount: event.joinedCount,
  waitlistCount: event.waitlistCount,
  version: event.version,
  createdAt: event.createdAt,
  updatedAt: event.updatedAt,
});

export const presentParticipation = (mine: NonNullable<MyParticipation>): Participation =>
  mine.status === 'waitlisted' && mine.position !== null ? { status: mine.status, position: mine.position } : { status: mine.status };

export const presentEventView = ({ event, mine }: { event: EventRecord; mine: MyParticipation }): EventView => {
  const view = presentEvent(event) as EventView;
  view.myParticipation = mine ? presentParticipation(mine) : null;
  return view;
};
