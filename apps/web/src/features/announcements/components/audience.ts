import type { AnnouncementAudience } from '@turnout/contracts';

/** The composer's choice, in the words the event page uses for its lists. */
export const AUDIENCE_OPTIONS: readonly { value: AnnouncementAudience; label: string }[] = [
  { value: 'all', label: 'Everyone' },
  { value: 'joined', label: 'Joined' },
  { value: 'waitlisted', label: 'Waitlist' },
];

/** "To: everyone", as the organizer reads it under an update they sent. */
export const AUDIENCE_LABEL: Record<AnnouncementAudience, string> = { all: 'everyone', joined: 'joined', waitlisted: 'waitlist' };
