import { z } from 'zod';

export const CalendarTokenResponseSchema = z.object({
  token: z.string(),
  /** Path of the personal feed, relative to the app's origin. */
  feedPath: z.string(),
  /** The feed's full address on the app's public origin, for calendar apps to subscribe to. */
  feedUrl: z.string(),
});
export type CalendarTokenResponse = z.infer<typeof CalendarTokenResponseSchema>;

export const CalendarFeedParamsSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'Not a calendar token'),
});
