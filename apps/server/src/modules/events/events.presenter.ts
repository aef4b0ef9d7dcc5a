import type { Event, EventView, Image, Participation } from '@turnout/contracts';
import { imageUrl } from '../images/image-url';
import type { CoverFields, EventRecord, MyParticipation } from './events.repository';

export const presentCover = (event: CoverFields): Image | null =>
  event.coverId === null
    ? null
    : { url: imageUrl(event.coverId), width: event.coverWidth ?? 0, height: event.coverHeight ?? 0, color: event.coverColor ?? '#808080' };

export const presentEvent = (event: EventRecord): Event => ({
  id: event.id,
  organizerId: event.organizerId,
  organizerName: event.organizerName,
  title: event.title,
  description: event.description,
  locationType: event.locationType,
  location: event.location,
  hasOnlineUrl: event.onlineUrl !== null,
  cover: presentCover(event),
  attendeesVisible: event.attendeesVisible,
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
  view.onlineUrl = null;
  return view;
};

/** The view for someone who may join the event online: its organizer, or a joined attendee. */
export const presentEventViewFor = (viewerId: string, { event, mine }: { event: EventRecord; mine: MyParticipation }): EventView => {
  const view = presentEventView({ event, mine });
  if (event.organizerId === viewerId || mine?.status === 'joined') view.onlineUrl = event.onlineUrl;
  return view;
};
