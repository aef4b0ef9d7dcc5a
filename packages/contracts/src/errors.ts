import { z } from 'zod';

/** Stable error codes: clients branch on these, never on messages. */
export const ErrorCode = {
  validation: 'validation_failed',
  badRequest: 'bad_request',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  csrf: 'cross_origin_refused',
  notFound: 'not_found',
  conflict: 'conflict',
  nameTaken: 'name_taken',
  emailTaken: 'email_taken',
  /** Login needs a two-factor code (or a recovery code) in `totp`. */
  totpRequired: 'totp_required',
  /** A two-factor or recovery code that is wrong, used or expired. */
  totpInvalid: 'totp_invalid',
  /** The current password given with a change is wrong. */
  wrongPassword: 'wrong_password',
  /** A link's token (email verification, password reset) is unknown, used or expired. */
  invalidToken: 'invalid_token',
  staleVersion: 'stale_version',
  capacityBelowJoined: 'capacity_below_joined',
  eventEnded: 'event_ended',
  payloadTooLarge: 'payload_too_large',
  unsupportedMediaType: 'unsupported_media_type',
  rateLimited: 'rate_limited',
  notReady: 'not_ready',
  internal: 'internal_error',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const FieldErrorsSchema = z.record(z.string(), z.array(z.string()));
export type FieldErrors = z.infer<typeof FieldErrorsSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
