import { z } from 'zod';
import { EventSchema } from './http/events';
import { NotificationSchema } from './http/notifications';
import { AttendeesResponseSchema, ParticipationStatusSchema } from './http/participation';

/** Server → client payloads (docs/product.md §4): authoritative state, never deltas. */
export const RealtimeSchemas = {
  'event:created': z.object({ event: EventSchema }),
  'event:updated': z.object({ event: EventSchema }),
  'event:deleted': z.object({ eventId: z.string().uuid() }),
  'participation:changed': z.object({
    eventId: z.string().uuid(),
    joinedCount: z.number().int(),
    waitlistCount: z.number().int(),
    version: z.number().int(),
  }),
  'attendees:changed': AttendeesResponseSchema.extend({ eventId: z.string().uuid() }),
  'participation:mine': z.object({
    eventId: z.string().uuid(),
    status: z.union([ParticipationStatusSchema, z.enum(['promoted', 'removed'])]),
    position: z.number().int().min(1).optional(),
  }),
  notification: z.object({ notification: NotificationSchema }),
  'presence:changed': z.object({ eventId: z.string().uuid(), viewers: z.number().int().min(0) }),
} as const;

export type RealtimeEventName = keyof typeof RealtimeSchemas;
export type RealtimePayload<E extends RealtimeEventName> = z.infer<(typeof RealtimeSchemas)[E]>;

/** The typed map for `Server<ClientToServerEvents, ServerToClientEvents>` and the client `Socket`. */
export type ServerToClientEvents = {
  [E in RealtimeEventName]: (payload: RealtimePayload<E>) => void;
};

/** The only messages a client may send: watching an event page, for presence counts. */
export const ClientSchemas = {
  'presence:watch': z.object({ eventId: z.string().uuid() }),
  'presence:unwatch': z.object({ eventId: z.string().uuid() }),
} as const;
export type ClientEventName = keyof typeof ClientSchemas;
export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: z.infer<(typeof ClientSchemas)[E]>) => void;
};
