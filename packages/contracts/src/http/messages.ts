import { z } from 'zod';
import { ANNOUNCEMENT_BODY_MAX } from '../limits';
import { textSchema } from '../text';
import { TimeZoneSchema } from './events';

/** Who an announcement reaches: those holding a seat, those waiting for one, or both. */
export const AnnouncementAudienceSchema = z.enum(['joined', 'waitlisted', 'all']);
export type AnnouncementAudience = z.infer<typeof AnnouncementAudienceSchema>;

export const AnnouncementCreateSchema = z.object({
  body: textSchema({ multiline: true })
    .trim()
    .min(1, 'Write something to announce')
    .max(ANNOUNCEMENT_BODY_MAX, `An announcement must be at most ${ANNOUNCEMENT_BODY_MAX} characters`),
  audience: AnnouncementAudienceSchema.default('all'),
});
export type AnnouncementCreateInput = z.input<typeof AnnouncementCreateSchema>;
export type AnnouncementCreate = z.output<typeof AnnouncementCreateSchema>;

export const AnnouncementSchema = z.object({
  id: z.string().uuid(),
  eventId: z.string().uuid(),
  authorName: z.string(),
  body: z.string(),
  audience: AnnouncementAudienceSchema,
  /** How many people it was sent to. */
  recipientCount: z.number().int(),
  createdAt: z.string(),
});
export type Announcement = z.infer<typeof AnnouncementSchema>;

export const AnnouncementResponseSchema = z.object({ announcement: AnnouncementSchema });
export type AnnouncementResponse = z.infer<typeof AnnouncementResponseSchema>;

/** Newest first; a reader sees those addressed to them (the organizer sees all). */
export const AnnouncementListResponseSchema = z.object({ items: z.array(AnnouncementSchema) });
export type AnnouncementListResponse = z.infer<typeof AnnouncementListResponseSchema>;

/** The kinds of mail a user can turn off, each with its own unsubscribe link. */
export const MailTopicSchema = z.enum(['reminders', 'announcements', 'changes', 'digest']);
export type MailTopic = z.infer<typeof MailTopicSchema>;

/** Which mail the user wants, and the zone their mails and notices give times in. */
export const PreferencesSchema = z.object({
  reminders: z.boolean(),
  announcements: z.boolean(),
  /** Join confirmations, changes and cancellations of events they are on. */
  changes: z.boolean(),
  /** For organizers: a daily mail of who joined and left their events. */
  digest: z.boolean(),
  /** Null until set: times are then given in each event's zone and in UTC. */
  timezone: z.string().nullable(),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

export const PreferencesResponseSchema = z.object({ preferences: PreferencesSchema });
export type PreferencesResponse = z.infer<typeof PreferencesResponseSchema>;

export const PreferencesPatchSchema = z
  .object({
    reminders: z.boolean(),
    announcements: z.boolean(),
    changes: z.boolean(),
    digest: z.boolean(),
    timezone: TimeZoneSchema.nullable(),
  })
  .partial()
  .strict();
export type PreferencesPatch = z.infer<typeof PreferencesPatchSchema>;

export const UnsubscribeParamsSchema = z.object({ token: textSchema().min(1).max(200) });

/** What the token turned off, so the page can say so. */
export const UnsubscribeResponseSchema = z.object({ topic: MailTopicSchema });
export type UnsubscribeResponse = z.infer<typeof UnsubscribeResponseSchema>;
