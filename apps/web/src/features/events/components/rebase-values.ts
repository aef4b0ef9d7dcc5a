import type { EventFormValues } from './event-form-values';
import { minutesOfRow, sameReminders } from './reminder-values';

export type FormField = keyof EventFormValues;

/** One of the person's own edits that differs from the latest version they re-based on. */
export type KeptEdit = {
  field: FormField;
  /** Whether someone else changed this field too (rather than the person alone). */
  alsoChangedByOthers: boolean;
};

/** Whether a field holds the same in two states of the form: reminder rows by their minutes, not their keys. */
export function sameField(field: FormField, a: EventFormValues, b: EventFormValues): boolean {
  if (field === 'reminders') return sameReminders(a.reminders.map(minutesOfRow), b.reminders.map(minutesOfRow));
  return a[field] === b[field];
}

/**
 * The person's edits moved onto a newer version (a three-way merge, field by field): a field they
 * changed (`mine` differs from `base`, what the form opened with) keeps their value; every other
 * field takes the `latest` one. `kept` lists their edits that differ from `latest`, to review.
 */
export function rebaseValues(
  base: EventFormValues,
  mine: EventFormValues,
  latest: EventFormValues,
): { values: EventFormValues; kept: KeptEdit[] } {
  const values = { ...latest };
  const kept: KeptEdit[] = [];
  for (const field of Object.keys(mine) as FormField[]) {
    if (sameField(field, mine, base)) continue;
    Object.assign(values, { [field]: mine[field] });
    if (!sameField(field, mine, latest)) kept.push({ field, alsoChangedByOthers: !sameField(field, base, latest) });
  }
  return { values, kept };
}
