/** Where an event happens, as its fields say it (the contracts' `locationType` and `location`). */
export interface EventPlace {
  locationType: 'venue' | 'online';
  /** A venue's name or address (empty while it is to be announced); an online event's optional label ("Zoom"). */
  location: string;
}

export const PLACE_TO_BE_ANNOUNCED = 'Place to be announced';
export const ONLINE = 'Online';

/**
 * The place in words, wherever an event's place is printed (pages, mails, calendars, previews):
 * a venue's location, "Place to be announced" while it is empty, and for an online event its
 * label ("Zoom") or "Online". Never the join link, which only some people may see.
 */
export function describePlace({ locationType, location }: EventPlace): string {
  const text = location.trim();
  // Anything but 'online' reads as a venue: events written before online events existed have none.
  if (locationType === 'online') return text || ONLINE;
  return text || PLACE_TO_BE_ANNOUNCED;
}

/** A venue's location when it is known, else null: what a map link or a calendar's LOCATION may name. */
export function knownVenue({ locationType, location }: EventPlace): string | null {
  const text = location.trim();
  return locationType !== 'online' && text !== '' ? text : null;
}
