import type { EventWhen } from '@turnout/contracts';

/** Filters of an event list, as the list endpoint takes them. */
export type EventListFilters = { q: string; when: EventWhen; mine: boolean; joined: boolean };

/**
 * Every cache key of the app in one place: HTTP fetchers and socket handlers write the same keys.
 */
export const queryKeys = {
  me: ['auth', 'me'] as const,
  /** What only the owner sees of the account (from /api/auth/me); dropped with the session. */
  account: ['account', 'me'] as const,
  sessions: ['account', 'sessions'] as const,
  /** Which mail the user wants, and their time zone (/api/me/preferences). */
  preferences: ['account', 'preferences'] as const,
  events: ['events'] as const,
  eventLists: ['events', 'list'] as const,
  eventList: (filters: EventListFilters) => ['events', 'list', filters] as const,
  eventDetails: ['events', 'detail'] as const,
  event: (id: string) => ['events', 'detail', id] as const,
  eventDeleted: (id: string) => ['events', 'deleted', id] as const,
  /** How many people deleting the event would tell (its owner's confirmation). */
  deletionPreview: (id: string) => ['events', 'deletion', id] as const,
  /** Every event's attendee list (names and avatars). */
  attendeeLists: ['events', 'attendees'] as const,
  attendees: (id: string) => ['events', 'attendees', id] as const,
  presence: (id: string) => ['events', 'presence', id] as const,
  /** An event's announcements ("Updates"), as this viewer may read them. */
  announcements: (id: string) => ['events', 'announcements', id] as const,
  publicEvent: (id: string) => ['public-events', id] as const,
  notifications: ['notifications'] as const,
  calendarToken: ['calendar', 'token'] as const,
};
