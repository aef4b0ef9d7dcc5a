import { z } from 'zod';
import { EventViewSchema } from './events';
import { ParticipationSchema } from './participation';

export const JoinResponseSchema = z.object({
  participation: ParticipationSchema,
  event: EventViewSchema,
});
export type JoinResponse = z.infer<typeof JoinResponseSchema>;

export const LeaveResponseSchema = z.object({ event: EventViewSchema });
export type LeaveResponse = z.infer<typeof LeaveResponseSchema>;
