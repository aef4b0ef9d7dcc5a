import { REMINDERS_MAX } from '@turnout/contracts';
import { useEffect, useId, useRef } from 'react';
import { Button } from '../../../components/ui/button';
import fieldStyles from '../../../components/ui/field.module.css';
import { PlusIcon } from '../../../components/ui/icons';
import type { FormErrors } from '../../../lib/form-errors';
import { formatDuration } from '../../../lib/format-date';
import { ReminderRowFields } from './reminder-row';
import { blankRow, minutesOfRow, REMINDER_PRESETS, type ReminderRow, rowFromMinutes } from './reminder-values';
import styles from './reminders-field.module.css';

type RemindersFieldProps = {
  rows: readonly ReminderRow[];
  onChange: (rows: ReminderRow[]) => void;
  /** The form's errors: `reminders.<row key>` for a row, `reminders` for the list. */
  errors: FormErrors;
};

/**
 * When joined attendees are reminded: up to REMINDERS_MAX rows of a number and a unit before the
 * start, or quick picks that toggle a common one. Focus follows what changed: into a row just
 * added, to "Add reminder" after a row is removed.
 */
export function RemindersField({ rows, onChange, errors }: RemindersFieldProps) {
  const id = useId();
  const addButton = useRef<HTMLButtonElement>(null);
  /** What gets focus after the next render: a new row's key, or "add" for the add button. */
  const focusNext = useRef<string | null>(null);
  const full = rows.length >= REMINDERS_MAX;
  const listError = errors.reminders;

  useEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    if (target === 'add') addButton.current?.focus();
    else document.getElementById(`${id}-${target}-amount`)?.focus();
  });

  const update = (key: string, change: Partial<ReminderRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const remove = (key: string) => {
    focusNext.current = 'add';
    onChange(rows.filter((row) => row.key !== key));
  };
  const add = () => {
    const row = blankRow();
    focusNext.current = row.key;
    onChange([...rows, row]);
  };
  const togglePreset = (minutes: number) => {
    const existing = rows.find((row) => minutesOfRow(row) === minutes);
    if (existing) onChange(rows.filter((row) => row !== existing));
    else if (!full) onChange([...rows, rowFromMinutes(minutes)]);
  };

  return (
    <fieldset className={styles.fieldset} aria-describedby={[listError && `${id}-error`, `${id}-hint`].filter(Boolean).join(' ')}>
      <legend className={fieldStyles.label}>Reminders</legend>
      <p id={`${id}-hint`} className={fieldStyles.hint}>
        {rows.length === 0
          ? 'No reminders: attendees get no notice before the start.'
          : `Everyone going gets a notification and a mail this long before the start. Up to ${REMINDERS_MAX}.`}
      </p>
      {rows.length > 0 && (
        <ol className={styles.rows}>
          {rows.map((row, index) => (
            <ReminderRowFields
              key={row.key}
              id={`${id}-${row.key}`}
              index={index}
              row={row}
              error={errors[`reminders.${row.key}`]}
              onChange={(change) => update(row.key, change)}
              onRemove={() => remove(row.key)}
            />
          ))}
        </ol>
      )}
      {listError && (
        <p id={`${id}-error`} className={fieldStyles.error}>
          {listError}
        </p>
      )}
      <fieldset className={styles.picks}>
        <legend className="visually-hidden">Common reminders</legend>
        {REMINDER_PRESETS.map((minutes) => {
          const on = rows.some((row) => minutesOfRow(row) === minutes);
          return (
            <button
              key={minutes}
              type="button"
              className={styles.pick}
              aria-pressed={on}
              disabled={!on && full}
              onClick={() => togglePreset(minutes)}
            >
              {formatDuration(minutes)}
            </button>
          );
        })}
      </fieldset>
      <div className={styles.add}>
        <Button ref={addButton} size="small" variant="ghost" onClick={add} disabled={full}>
          <PlusIcon /> Add reminder
        </Button>
        {full && <span className={fieldStyles.hint}>{`That is the most: ${REMINDERS_MAX} reminders.`}</span>}
      </div>
    </fieldset>
  );
}
