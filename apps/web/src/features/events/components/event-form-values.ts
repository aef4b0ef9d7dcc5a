import {
  type EventCreate,
  EventCreateSchema,
  type EventUpdate,
  type EventView,
  type LocationType,
  REMINDERS_DEFAULT,
} from '@turnout/contracts';
import type { z } from 'zod';
import { type FormErrors, formErrorsFromIssues } from '../../../lib/form-errors';
import { browserTimeZone, utcToZonedWallTime, zonedWallTimeToUtc } from '../../../lib/zoned-time';
import { minutesOfRow, type ReminderRow, rowFromMinutes, sameReminders } from './reminder-values';

/** What the form holds: the inputs' own strings. `startsAt` is wall time in `timezone`. */
export type EventFormValues = {
  title: string;
  description: string;
  locationType: LocationType;
  /** A venue's place (empty: to be announced), or an online event's optional label. */
  location: string;
  /** An online event's join link; empty while it is not known. */
  onlineUrl: string;
  attendeesVisible: boolean;
  startsAt: string;
  timezone: string;
  durationMinutes: string;
  capacity: string;
  /** Each row's error is under `reminders.<row key>`; one about the whole list under `reminders`. */
  reminders: ReminderRow[];
};

export const emptyEventValues = (): EventFormValues => ({
  title: '',
  description: '',
  locationType: 'venue',
  location: '',
  onlineUrl: '',
  attendeesVisible: true,
  startsAt: '',
  timezone: browserTimeZone(),
  durationMinutes: '120',
  capacity: '',
  reminders: REMINDERS_DEFAULT.map(rowFromMinutes),
});

export const valuesFromEvent = (event: EventView): EventFormValues => ({
  title: event.title,
  description: event.description,
  locationType: event.locationType,
  location: event.location,
  onlineUrl: event.onlineUrl ?? '',
  attendeesVisible: event.attendeesVisible,
  startsAt: utcToZonedWallTime(event.startsAt, event.timezone),
  timezone: event.timezone,
  durationMinutes: String(event.durationMinutes),
  capacity: event.capacity === null ? '' : String(event.capacity),
  reminders: event.reminders.map(rowFromMinutes),
});

const toNumber = (value: string): number => (value.trim() === '' ? Number.NaN : Number(value));

/**
 * The reminder rows' own errors: an empty number, then the shared schema's refusals (a row past
 * two weeks, a fraction of a minute), then a row repeating another.
 */
function reminderErrors(rows: readonly ReminderRow[], issues: readonly z.core.$ZodIssue[]): FormErrors {
  const errors: FormErrors = {};
  rows.forEach((row) => {
    if (row.amount.trim() === '') errors[`reminders.${row.key}`] = 'Enter how long before the start';
  });
  for (const issue of issues) {
    if (issue.path[0] !== 'reminders') continue;
    const index = issue.path[1];
    const row = typeof index === 'number' ? rows[index] : undefined;
    errors[row ? `reminders.${row.key}` : 'reminders'] ??= issue.message;
  }
  const minutes = rows.map(minutesOfRow);
  minutes.forEach((value, index) => {
    const row = rows[index];
    if (row && !Number.isNaN(value) && minutes.indexOf(value) < index)
      errors[`reminders.${row.key}`] ??= 'This is the same as another reminder';
  });
  return errors;
}

/**
 * Validates the form with the shared schema: the wall time becomes a UTC instant in the chosen
 * zone, an empty capacity means unlimited, each reminder row becomes minutes before the start.
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
    locationType: values.locationType,
    location: values.location,
    // A venue has no join link; an online event's empty one is "not known yet".
    onlineUrl: values.locationType === 'online' && values.onlineUrl.trim() !== '' ? values.onlineUrl : null,
    attendeesVisible: values.attendeesVisible,
    startsAt: startsAt || undefined,
    timezone: values.timezone,
    durationMinutes: toNumber(values.durationMinutes),
    capacity: values.capacity.trim() === '' ? null : toNumber(values.capacity),
    reminders: values.reminders.map(minutesOfRow),
  });
  const issues = parsed.success ? [] : parsed.error.issues;
  const others = formErrorsFromIssues(issues.filter((issue) => issue.path[0] !== 'reminders'));
  const all = { ...others, ...reminderErrors(values.reminders, issues), ...errors };
  if (Object.keys(all).length > 0 || !parsed.success) return { errors: all };
  return { data: parsed.data };
}

/** The fields that differ from the event being edited, with the version the edit is based on. */
export function changesFrom(event: EventView, data: EventCreate): EventUpdate {
  const changes: EventUpdate = { version: event.version };
  if (data.title !== event.title) changes.title = data.title;
  if (data.description !== event.description) changes.description = data.description;
  if (data.locationType !== event.locationType) changes.locationType = data.locationType;
  if (data.location !== event.location) changes.location = data.location;
  if (data.onlineUrl !== event.onlineUrl) changes.onlineUrl = data.onlineUrl;
  if (data.attendeesVisible !== event.attendeesVisible) changes.attendeesVisible = data.attendeesVisible;
  if (Date.parse(data.startsAt) !== Date.parse(event.startsAt)) changes.startsAt = data.startsAt;
  if (data.timezone !== event.timezone) changes.timezone = data.timezone;
  if (data.durationMinutes !== event.durationMinutes) changes.durationMinutes = data.durationMinutes;
  if (data.capacity !== event.capacity) changes.capacity = data.capacity;
  if (!sameReminders(data.reminders, event.reminders)) changes.reminders = data.reminders;
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
    a.locationType === b.locationType &&
    a.location === b.location &&
    a.onlineUrl === b.onlineUrl &&
    a.attendeesVisible === b.attendeesVisible &&
    Date.parse(a.startsAt) === Date.parse(b.startsAt) &&
    a.timezone === b.timezone &&
    a.durationMinutes === b.durationMinutes &&
    a.capacity === b.capacity &&
    sameReminders(a.reminders, b.reminders)
  );
}
