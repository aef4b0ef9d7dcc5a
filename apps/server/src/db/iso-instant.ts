import { customType } from 'drizzle-orm/pg-core';

/**
 * A `timestamptz` as PostgreSQL prints it → the ISO 8601 text the API sends
 * (`2026-12-02 04:06:25.12+00` → `2026-12-02T04:06:25.120Z`). A session in UTC, the default of
 * both engines here, prints exactly that shape, and it is rewritten as text, never parsed into a
 * Date and formatted again. Any other shape (another session time zone, a year past 9999) takes the
 * general path. Both keep milliseconds and drop the microseconds after them, as a Date does.
 */
export function isoFromPostgres(text: string): string {
  if (text.length >= 22 && text.length <= 29 && text.charCodeAt(4) === 45 && text.charCodeAt(10) === 32 && text.endsWith('+00')) {
    const fraction = text.slice(20, -3);
    const ms = fraction.length >= 3 ? fraction.slice(0, 3) : fraction.padEnd(3, '0');
    return `${text.slice(0, 10)}T${text.slice(11, 19)}.${ms}Z`;
  }
  return new Date(text).toISOString();
}

/**
 * A `timestamp with time zone` column read and written as ISO 8601 text in UTC: rows carry the
 * instant in the form the API and the web app use. Compare or do arithmetic with `Date.parse`.
 */
export const isoInstant = customType<{ data: string; driverData: string | Date }>({
  dataType: () => 'timestamp with time zone',
  // node-postgres and PGlite hand drizzle the text; a raw query without its parsers may give a Date.
  fromDriver: (value) => (typeof value === 'string' ? isoFromPostgres(value) : value.toISOString()),
  toDriver: (value) => value,
});
