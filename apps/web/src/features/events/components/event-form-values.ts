import { type EventCreate, EventCreateSchema, type EventUpdate, type EventView } from '@turnout/contracts';
import { type FormErrors, formErrorsFromIssues } from '../../../lib/form-errors';
import { browserTimeZone, utcToZonedWallTime, zonedWallTimeToUtc } from '../../../lib/zoned-time';

/** What the form holds: the inputs' own strings. `startsAt` is wall time in `timezone`. */
export type EventFormValues = {
  title: string;
  description: string;
  location: string;
  startsAt: string;
  timezone: string;
  durationMinutes: string;
  capacity: string;
};

export const emptyEventValues = (): EventFormValues => ({
  title: '',
  description: '',
  location: '',
  startsAt: '',
  timezone: browserTimeZone(),
  durationMinutes: '120',
  capacity: '',
});

export const valuesFromEvent = (event: EventView): EventFormValues => ({
  title: event.title,
  description: event.description,
  location: event.location,
  startsAt: utcToZonedWallTime(event.startsAt, event.timezone),
  timezone: event.timezone,
  durationMinutes: String(event.durationMinutes),
  capacity: event.capacity === null ? '' : String(event.capacity),
});

const toNumber = (value: string): number => (value.trim() === '' ? Number.NaN : Number(value));

/**
 * Validates the form with the shared schema: the wall time becomes a UTC instant in the chosen
 * zone, an empty capacity means unlimited.
 */
export function parseEventValues(values: EventFormValues): { data: EventCreate } | { errors: FormErrors } {
  const errors: FormErrors = {};
  let startsAt = '';
  if (values.startsAt === '') errors.startsAt = 'Starts at is required';
  else {
    const instant = zonedWallTimeToUtc(values.startsAt, values.timezone);
    if (instant) startsAt = instant.toISOString();
    else errors.startsAt = 'Enter a valid date and time';
  }
  if (values.durationMinutes.trim() === '') errors.durationMinutes = 'Duration is required';

  const parsed = EventCreateSchema.safeParse({
    title: values.title,
    description: values.description,
    location: values.location,
    startsAt: startsAt || undefined,
    timezone: values.timezone,
    durationMinutes: toNumber(values.durationMinutes),
    capacity: values.capacity.trim() === '' ? null : toNumber(values.capacity),
  });
  const all = parsed.success ? errors : { ...formErrorsFromIssues(parsed.error.issues), ...errors };
  if (Object.keys(all).length > 0 || !parsed.success) return { errors: all };
  return { data: parsed.data };
}

/** The fields that differ from the event being edited, with the version the edit is based on. */
export function changesFrom(event: EventView, data: EventCreate): EventUpdate {
  const changes: EventUpdate = { version: event.version };
  if (data.title !== event.title) changes.title = data.title;
  if (data.description !== event.description) changes.description = data.description;
  if (data.location !== event.location) changes.location = data.location;
  if (Date.parse(data.startsAt) !== Date.parse(event.startsAt)) changes.startsAt = data.startsAt;
  if (data.timezone !== event.timezone) changes.timezone = data.timezone;
  if (data.durationMinutes !== event.durationMinutes) changes.durationMinutes = data.durationMinutes;
  if (data.capacity !== event.capacity) changes.capacity = data.capacity;
  return changes;
}

/**
 * True when the fields an organizer edits are the same in both versions: what changed between
 * them is only who joined (joins and leaves bump the version too), so an edit made on `a` does
 * not conflict with `b`.
 */
export function sameEditableFields(a: EventView, b: EventView): boolean {
  return (
    a.title === b.title &&
    a.description === b.description &&
    a.location === b.location &&
    Date.parse(a.startsAt) === Date.parse(b.startsAt) &&
    a.timezone === b.timezone &&
    a.durationMinutes === b.durationMinutes &&
    a.capacity === b.capacity
  );
}
