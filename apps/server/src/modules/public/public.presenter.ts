import type { PublicEvent } from '@turnout/contracts';
import { type EventRecord, presentCover } from '../events';

/** What a shared link shows without a login: the event and its counts, never who is in it. */
export const presentPublicEvent = (event: EventRecord): PublicEvent => ({
  id: event.id,
  title: event.title,
  description: event.description,
  locationType: event.locationType,
  location: event.location,
  cover: presentCover(event),
  startsAt: event.startsAt,
  endsAt: event.endsAt,
  timezone: event.timezone,
  durationMinutes: event.durationMinutes,
  capacity: event.capacity,
  joinedCount: event.joinedCount,
  waitlistCount: event.waitlistCount,
  organizerName: event.organizerName,
});
