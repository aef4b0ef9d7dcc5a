import type {
  Account,
  Announcement,
  Attendee,
  Event,
  EventListResponse,
  EventView,
  MeResponse,
  Notification,
  Preferences,
  PublicEvent,
  Session,
  User,
} from '@turnout/contracts';

let sequence = 0;
const uuid = () => {
  sequence += 1;
  return `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
};

export const ORGANIZER_ID = '10000000-0000-4000-8000-000000000001';
export const JOINER_ID = '20000000-0000-4000-8000-000000000002';

export function buildUser(overrides: Partial<User> = {}): User {
  return { id: JOINER_ID, name: 'jamie', role: 'joiner', avatarUrl: null, createdAt: '2026-01-01T00:00:00.000Z', ...overrides };
}

/** An account with a verified address and two-factor sign-in off. */
export function buildAccount(overrides: Partial<Account> = {}): Account {
  return { email: 'jamie@example.com', emailVerified: true, totpEnabled: false, ...overrides };
}

/** The answer of /api/auth/me, register and login. */
export function buildMe(user: Partial<User> = {}, account: Partial<Account> = {}): MeResponse {
  return { user: buildUser(user), account: buildAccount(account) };
}

export function buildSession(overrides: Partial<Session> = {}): Session {
  return {
    id: uuid(),
    createdAt: '2026-01-01T09:00:00.000Z',
    lastSeenAt: '2026-01-02T09:00:00.000Z',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
    current: false,
    ...overrides,
  };
}

export function buildEvent(overrides: Partial<Event> = {}): Event {
  const startsAt = overrides.startsAt ?? '2030-05-01T17:00:00.000Z';
  const durationMinutes = overrides.durationMinutes ?? 120;
  return {
    id: uuid(),
    organizerId: ORGANIZER_ID,
    organizerName: 'olivia',
    title: 'Rooftop meetup',
    description: 'Drinks and talks.',
    locationType: 'venue',
    location: 'Berlin, Alexanderplatz',
    hasOnlineUrl: false,
    cover: null,
    attendeesVisible: true,
    timezone: 'Europe/Berlin',
    capacity: 50,
    reminders: [1440, 60],
    joinedCount: 3,
    waitlistCount: 0,
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
    startsAt,
    durationMinutes,
    endsAt: overrides.endsAt ?? new Date(Date.parse(startsAt) + durationMinutes * 60_000).toISOString(),
  };
}

export function buildEventView(overrides: Partial<EventView> = {}): EventView {
  const { myParticipation = null, onlineUrl = null, ...rest } = overrides;
  return { ...buildEvent(rest), myParticipation, onlineUrl };
}

/** What /e/:id answers for an event: its public facts, no attendee data, never the join link. */
export function buildPublicEvent(overrides: Partial<PublicEvent> = {}): PublicEvent {
  const event = buildEvent();
  return {
    id: event.id,
    title: event.title,
    description: event.description,
    locationType: event.locationType,
    location: event.location,
    cover: null,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    timezone: event.timezone,
    durationMinutes: event.durationMinutes,
    capacity: event.capacity,
    joinedCount: event.joinedCount,
    waitlistCount: event.waitlistCount,
    organizerName: event.organizerName,
    ...overrides,
  };
}

export function buildAttendee(overrides: Partial<Attendee> = {}): Attendee {
  return { userId: uuid(), name: 'jamie', avatarUrl: null, since: '2026-01-02T00:00:00.000Z', ...overrides };
}

export function buildPage(items: EventView[], nextCursor: string | null = null): EventListResponse {
  return { items, nextCursor };
}

export function buildNotification(overrides: Partial<Notification> = {}): Notification {
  return {
    id: uuid(),
    type: 'event_changed',
    eventId: null,
    title: 'Rooftop meetup was changed',
    body: 'It now starts at 19:00.',
    changes: null,
    createdAt: '2026-01-02T00:00:00.000Z',
    readAt: null,
    ...overrides,
  };
}

export function buildAnnouncement(overrides: Partial<Announcement> = {}): Announcement {
  return {
    id: uuid(),
    eventId: uuid(),
    authorName: 'olivia',
    body: 'Doors open at 18:30.',
    audience: 'all',
    recipientCount: 3,
    createdAt: '2026-01-02T10:00:00.000Z',
    ...overrides,
  };
}

/** Every kind of mail on and no time zone chosen yet, as a new account starts. */
export function buildPreferences(overrides: Partial<Preferences> = {}): Preferences {
  return { reminders: true, announcements: true, changes: true, digest: true, timezone: null, ...overrides };
}
