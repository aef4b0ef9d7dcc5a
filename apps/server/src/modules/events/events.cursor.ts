import { isStorableInstant } from '@turnout/contracts';
import { badRequest } from '../../http/errors';

/** Where a page ends in the (startsAt, id) order; opaque to clients (base64url). */
export interface EventCursor {
  /** ISO 8601 in UTC, as the API sends it. */
  startsAt: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const encodeCursor = (cursor: EventCursor): string => Buffer.from(`${cursor.startsAt}|${cursor.id}`, 'utf8').toString('base64url');

/** Reads a cursor this server wrote; anything else is the client's mistake (400). */
export function decodeCursor(text: string): EventCursor {
  const invalid = () => badRequest('Some fields are invalid.', { cursor: ['Not a valid page cursor: start again from the first page'] });
  if (!/^[A-Za-z0-9_-]+$/.test(text)) throw invalid();
  const [iso, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (iso === undefined || id === undefined || rest.length > 0 || !UUID.test(id)) throw invalid();
  const startsAt = new Date(iso);
  // Only instants this server could have written: a forged date the database cannot hold is a 400.
  if (!isStorableInstant(startsAt.getTime()) || startsAt.toISOString() !== iso) throw invalid();
  return { startsAt: iso, id };
}
