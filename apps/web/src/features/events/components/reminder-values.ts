/**
 * Reminders as the form holds them: a number and a unit per row, sent as minutes before the start
 * (docs/product.md §8). A stored value opens in the largest unit that divides it evenly, so 1440
 * reads "1 day" and 90 reads "90 minutes".
 */

export const REMINDER_UNITS = ['minutes', 'hours', 'days', 'weeks'] as const;
export type ReminderUnit = (typeof REMINDER_UNITS)[number];

const UNIT_MINUTES: Record<ReminderUnit, number> = { minutes: 1, hours: 60, days: 1440, weeks: 10_080 };

/** One reminder row: the number input's own string, its unit, and a key that outlives reordering. */
export type ReminderRow = { key: string; amount: string; unit: ReminderUnit };

/** The quick picks offered beside the rows, longest first. */
export const REMINDER_PRESETS: readonly number[] = [10_080, 1440, 180, 60, 15];

let lastKey = 0;
const newKey = () => `reminder-${++lastKey}`;

export function rowFromMinutes(minutes: number): ReminderRow {
  const unit = [...REMINDER_UNITS].reverse().find((u) => minutes % UNIT_MINUTES[u] === 0) ?? 'minutes';
  return { key: newKey(), amount: String(minutes / UNIT_MINUTES[unit]), unit };
}

/** A fresh row for "Add reminder": empty, in hours, the unit most reminders are given in. */
export const blankRow = (): ReminderRow => ({ key: newKey(), amount: '', unit: 'hours' });

/** The row in minutes; NaN while its number is empty or not a number. */
export function minutesOfRow(row: ReminderRow): number {
  const amount = row.amount.trim();
  return amount === '' ? Number.NaN : Number(amount) * UNIT_MINUTES[row.unit];
}

/** Whether two lists hold the same reminders, in any order (the server keeps them longest first). */
export function sameReminders(a: readonly number[], b: readonly number[]): boolean {
  const sort = (list: readonly number[]) => [...new Set(list)].sort((x, y) => y - x).join(',');
  return sort(a) === sort(b);
}
