import { z } from 'zod';
import { INSTANT_MAX_MS, InstantSchema } from '../instants';
import {
  EVENT_CAPACITY_MAX,
  EVENT_CAPACITY_MIN,
  EVENT_DESCRIPTION_MAX,
  EVENT_DURATION_MAX,
  EVENT_DURATION_MIN,
  EVENT_LIST_LIMIT_DEFAULT,
  EVENT_LIST_LIMIT_MAX,
  EVENT_LOCATION_MAX,
  EVENT_ONLINE_URL_MAX,
  EVENT_TITLE_MAX,
  REMINDER_MINUTES_MAX,
  REMINDER_MINUTES_MIN,
  REMINDERS_DEFAULT,
  REMINDERS_MAX,
} from '../limits';
import { textSchema } from '../text';
import { ParticipationSchema } from './participation';

/** True when the runtime's time zone database knows `name` (an IANA zone such as Europe/Berlin). */
export function isKnownTimeZone(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const TimeZoneSchema = z.string().refine(isKnownTimeZone, 'Time zone must be an IANA zone name, such as Europe/Berlin');

const title = textSchema().trim().min(1, 'Title is required').max(EVENT_TITLE_MAX, `Title must be at most ${EVENT_TITLE_MAX} characters`);
const description = textSchema({ multiline: true }).max(
  EVENT_DESCRIPTION_MAX,
  `Description must be at most ${EVENT_DESCRIPTION_MAX} characters`,
);
/** Where an event happens: at a place (`location`, empty while it is to be announced) or online. */
export const LocationTypeSchema = z.enum(['venue', 'online']);
export type LocationType = z.infer<typeof LocationTypeSchema>;

/** The place's name or address; empty means "to be announced". For an online event, an optional label ("Zoom"). */
const location = textSchema().trim().max(EVENT_LOCATION_MAX, `Location must be at most ${EVENT_LOCATION_MAX} characters`);

/** Whether `value` is an absolute http(s) address. */
export function isWebAddress(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol, hostname } = new URL(value);
  return (protocol === 'https:' || protocol === 'http:') && hostname.length > 0;
}

/** An online event's join link, shown to its organizer and joined attendees only; null until known. */
const onlineUrl = textSchema()
  .trim()
  .max(EVENT_ONLINE_URL_MAX, `The join link must be at most ${EVENT_ONLINE_URL_MAX} characters`)
  .refine(isWebAddress, 'The join link must be a web address starting with https://')
  .nullable();
const durationMinutes = z
  .number()
  .int('Duration must be a whole number of minutes')
  .min(EVENT_DURATION_MIN, `Duration must be at least ${EVENT_DURATION_MIN} minute`)
  .max(EVENT_DURATION_MAX, `Duration must be at most ${EVENT_DURATION_MAX} minutes (30 days)`);
const capacity = z
  .number()
  .int('Capacity must be a whole number')
  .min(EVENT_CAPACITY_MIN, `Capacity must be at least ${EVENT_CAPACITY_MIN}`)
  .max(EVENT_CAPACITY_MAX, `Capacity must be at most ${EVENT_CAPACITY_MAX}`)
  .nullable();

/** Minutes before the start, each sent once to every joined attendee; kept sorted, longest first, without repeats. */
export const RemindersSchema = z
  .array(
    z
      .number()
      .int('A reminder is a whole number of minutes')
      .min(REMINDER_MINUTES_MIN, `A reminder must be at least ${REMINDER_MINUTES_MIN} minute before the start`)
      .max(REMINDER_MINUTES_MAX, `A reminder must be at most ${REMINDER_MINUTES_MAX} minutes (two weeks) before the start`),
  )
  .max(REMINDERS_MAX, `At most ${REMINDERS_MAX} reminders`)
  .transform((minutes) => [...new Set(minutes)].sort((a, b) => b - a));

/** Whether an event starting at `startsAt` and lasting `durationMinutes` ends within the storable years. */
export const endsInStorableYears = (startsAt: string, durationMinutes: number): boolean =>
  Date.parse(startsAt) + durationMinutes * 60_000 <= INSTANT_MAX_MS;

export const EVENT_ENDS_TOO_LATE = 'The event must end by 31 December 9999';

export const EventCreateSchema = z
  .object({
    title,
    description: description.default(''),
    locationType: LocationTypeSchema.default('venue'),
    location: location.default(''),
    onlineUrl: onlineUrl.default(null),
    attendeesVisible: z.boolean().default(true),
    startsAt: InstantSchema,
    timezone: TimeZoneSchema,
    durationMinutes,
    capacity: capacity.default(null),
    reminders: RemindersSchema.default([...REMINDERS_DEFAULT]),
  })
  .refine((event) => endsInStorableYears(event.startsAt, event.durationMinutes), {
    message: EVENT_ENDS_TOO_LATE,
    path: ['durationMinutes'],
  });
export type EventCreateInput = z.input<typeof EventCreateSchema>;
export type EventCreate = z.output<typeof EventCreateSchema>;

export const EventUpdateSchema = z.object({
  title: title.optional(),
  description: description.optional(),
  locationType: LocationTypeSchema.optional(),
  location: location.optional(),
  onlineUrl: onlineUrl.optional(),
  attendeesVisible: z.boolean().optional(),
  startsAt: InstantSchema.optional(),
  timezone: TimeZoneSchema.optional(),
  durationMinutes: durationMinutes.optional(),
  capacity: capacity.optional(),
  reminders: RemindersSchema.optional(),
  version: z.number().int().min(1),
});
export type EventUpdate = z.infer<typeof EventUpdateSchema>;

/** An uploaded image as pages show it: `url` names one immutable rendition; `color` fills its box while it loads. */
export const ImageSchema = z.object({
  url: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  /** The image's dominant colour, `#rrggbb`. */
  color: z.string(),
});
export type Image = z.infer<typeof ImageSchema>;

/** An event as stored, with its counts: the same for every viewer, and what sockets carry. */
export const EventSchema = z.object({
  id: z.string().uuid(),
  organizerId: z.string().uuid(),
  organizerName: z.string(),
  title: z.string(),
  /** Markdown (docs/product.md §11); pages render it sanitised. */
  description: z.string(),
  locationType: LocationTypeSchema,
  /** Empty while the place is to be announced. */
  location: z.string(),
  /** Whether an online event's join link is set (the link itself is in the viewer's `EventView`). */
  hasOnlineUrl: z.boolean(),
  cover: ImageSchema.nullable(),
  /** Whether logged-in viewers may see who is going (the organizer always does). */
  attendeesVisible: z.boolean(),
  startsAt: z.string(),
  endsAt: z.string(),
  timezone: z.string(),
  durationMinutes: z.number().int(),
  capacity: z.number().int().nullable(),
  /** Minutes before the start, longest first. */
  reminders: z.array(z.number().int()),
  joinedCount: z.number().int(),
  waitlistCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Event = z.infer<typeof EventSchema>;

/** An event as one viewer sees it over HTTP: the stored event plus their own participation. */
export const EventViewSchema = EventSchema.extend({
  myParticipation: ParticipationSchema.nullable(),
  /** The online join link, for the organizer and joined attendees; null for anyone else or while unset. */
  onlineUrl: z.string().nullable(),
});
export type EventView = z.infer<typeof EventViewSchema>;

export const EventResponseSchema = z.object({ event: EventViewSchema });
export type EventResponse = z.infer<typeof EventResponseSchema>;

export const EventParamsSchema = z.object({ id: z.string().uuid('Not a valid event id') });

/** What deleting an event would do, for its organizer's confirmation: how many people would be told it was cancelled. */
export const EventDeletionPreviewSchema = z.object({
  /** Everyone joined or waitlisted, and joiners who left; 0 once the event has ended (it is removed, not cancelled). */
  notifiedCount: z.number().int(),
});
export type EventDeletionPreview = z.infer<typeof EventDeletionPreviewSchema>;

const flag = z
  .enum(['1', 'true', '0', 'false'])
  .optional()
  .transform((v) => v === '1' || v === 'true');

export const EventWhenSchema = z.enum(['upcoming', 'past', 'all']);
export type EventWhen = z.infer<typeof EventWhenSchema>;

export const EventListQuerySchema = z.object({
  q: textSchema().trim().max(200).optional(),
  when: EventWhenSchema.default('upcoming'),
  mine: flag,
  joined: flag,
  limit: z.coerce.number().int().min(1).max(EVENT_LIST_LIMIT_MAX).default(EVENT_LIST_LIMIT_DEFAULT),
  cursor: textSchema().max(200).optional(),
});
export type EventListQuery = z.output<typeof EventListQuerySchema>;

export const EventListResponseSchema = z.object({
  items: z.array(EventViewSchema),
  nextCursor: z.string().nullable(),
});
export type EventListResponse = z.infer<typeof EventListResponseSchema>;
