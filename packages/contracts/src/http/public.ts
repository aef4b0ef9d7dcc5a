import { z } from 'zod';
import { ImageSchema, LocationTypeSchema } from './events';

/** What a shared link may show without a login: no attendee data. */
export const PublicEventSchema = z.object({
  id: z.string().uuid(),
  title: z.string(),
  description: z.string(),
  locationType: LocationTypeSchema,
  location: z.string(),
  cover: ImageSchema.nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  timezone: z.string(),
  durationMinutes: z.number().int(),
  capacity: z.number().int().nullable(),
  joinedCount: z.number().int(),
  waitlistCount: z.number().int(),
  organizerName: z.string(),
});
export type PublicEvent = z.infer<typeof PublicEventSchema>;

export const PublicEventResponseSchema = z.object({ event: PublicEventSchema });
export type PublicEventResponse = z.infer<typeof PublicEventResponseSchema>;
