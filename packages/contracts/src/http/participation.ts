import { z } from 'zod';

export const ParticipationStatusSchema = z.enum(['joined', 'waitlisted']);
export type ParticipationStatus = z.infer<typeof ParticipationStatusSchema>;

/** A viewer's own place at an event; `position` is the 1-based waitlist place, FIFO. */
export const ParticipationSchema = z.object({
  status: ParticipationStatusSchema,
  position: z.number().int().min(1).optional(),
});
export type Participation = z.infer<typeof ParticipationSchema>;

export const AttendeeSchema = z.object({
  userId: z.string().uuid(),
  name: z.string(),
  /** Their uploaded avatar, or null: pages show their initials. */
  avatarUrl: z.string().nullable(),
  since: z.string(),
});
export type Attendee = z.infer<typeof AttendeeSchema>;

export const WaitlistedAttendeeSchema = AttendeeSchema.extend({ position: z.number().int().min(1) });
export type WaitlistedAttendee = z.infer<typeof WaitlistedAttendeeSchema>;

export const AttendeesResponseSchema = z.object({
  /** The event's `version` these lists were read at: a list with a lower one is older. */
  version: z.number().int(),
  joined: z.array(AttendeeSchema),
  waitlisted: z.array(WaitlistedAttendeeSchema),
});
export type AttendeesResponse = z.infer<typeof AttendeesResponseSchema>;
