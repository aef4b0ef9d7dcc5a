import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';

/** Picks `zone` (e.g. "Asia/Tokyo") in a time-zone combobox, as a person would: type its name, click it. */
export async function chooseTimeZone(user: UserEvent, field: HTMLElement, zone: string): Promise<void> {
  await user.click(field);
  await user.keyboard('{Control>}a{/Control}');
  // Pasted, not typed: each key would filter and draw the list again.
  await user.paste(zone.replaceAll('_', ' '));
  const list = screen.getByRole('listbox', { name: 'Time zones' });
  await user.click(within(list).getByRole('option', { name: new RegExp(` ${zone.replaceAll('_', ' ')}(, chosen)?$`) }));
}

/** The zone a time-zone combobox shows: "UTC+09:00 Asia/Tokyo" → "Asia/Tokyo". */
export const shownTimeZone = (field: HTMLElement): string =>
  (field as HTMLInputElement).value.replace(/^UTC[+-]\d{2}:\d{2} /, '').replaceAll(' ', '_');
