import { z } from 'zod';

/**
 * The instants Turnout stores: years 1 to 9999, what ISO 8601 writes with four digits, what
 * JavaScript dates print back the same, and what both database engines hold. An event must also
 * end within them, its derived end included.
 */
export const INSTANT_MIN_MS = Date.parse('0001-01-01T00:00:00.000Z');
export const INSTANT_MAX_MS = Date.parse('9999-12-31T23:59:59.999Z');

export const isStorableInstant = (ms: number): boolean => Number.isFinite(ms) && ms >= INSTANT_MIN_MS && ms <= INSTANT_MAX_MS;

/** An instant with an explicit offset, within the storable years; the API always answers in UTC (`…Z`). */
export const InstantSchema = z.iso
  .datetime({ offset: true, message: 'Must be an ISO 8601 date-time with an offset' })
  .refine((value) => isStorableInstant(Date.parse(value)), { message: 'Must be between the years 1 and 9999' });
