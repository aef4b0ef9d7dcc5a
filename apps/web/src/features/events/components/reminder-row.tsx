import { Button } from '../../../components/ui/button';
import fieldStyles from '../../../components/ui/field.module.css';
import { CloseIcon } from '../../../components/ui/icons';
import { REMINDER_UNITS, type ReminderRow, type ReminderUnit } from './reminder-values';
import styles from './reminders-field.module.css';

type ReminderRowFieldsProps = {
  /** The id the row's controls are named from; the amount input is `${id}-amount`. */
  id: string;
  index: number;
  row: ReminderRow;
  error: string | undefined;
  onChange: (change: Partial<ReminderRow>) => void;
  onRemove: () => void;
};

/** One reminder: "[2] [hours] before [×]", each control named "Reminder 2 …" for assistive technology. */
export function ReminderRowFields({ id, index, row, error, onChange, onRemove }: ReminderRowFieldsProps) {
  const name = `Reminder ${index + 1}`;
  return (
    <li className={styles.row}>
      <label htmlFor={`${id}-amount`} className="visually-hidden">
        {name}
      </label>
      <input
        id={`${id}-amount`}
        className={`${fieldStyles.control} ${styles.amount}`}
        type="number"
        inputMode="numeric"
        min={1}
        step={1}
        value={row.amount}
        onChange={(event) => onChange({ amount: event.target.value })}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <label htmlFor={`${id}-unit`} className="visually-hidden">
        {`${name} unit`}
      </label>
      <select
        id={`${id}-unit`}
        className={`${fieldStyles.control} ${styles.unit}`}
        value={row.unit}
        onChange={(event) => onChange({ unit: event.target.value as ReminderUnit })}
      >
        {REMINDER_UNITS.map((unit) => (
          <option key={unit} value={unit}>
            {unit}
          </option>
        ))}
      </select>
      <span className={styles.before}>before</span>
      <Button variant="ghost" size="icon" aria-label={`Remove reminder ${index + 1}`} onClick={onRemove}>
        <CloseIcon />
      </Button>
      {error && (
        <p id={`${id}-error`} className={`${fieldStyles.error} ${styles.rowError}`}>
          {error}
        </p>
      )}
    </li>
  );
}
