import type { Page } from 'playwright-core';

export interface EventFields {
  title: string;
  /** The place; for an online event, its label ("Zoom"). Empty: to be announced. */
  location: string;
  /** Makes it an online event with this join link. */
  joinLink?: string;
  description?: string;
  /** Wall-clock time in the form's time zone, as `YYYY-MM-DDTHH:mm`. */
  startsAt: string;
  timeZone?: string;
  durationMinutes?: number;
  capacity?: number;
}

/** A `YYYY-MM-DDTHH:mm` wall time `days` from now, for `datetime-local` inputs. */
export function wallTimeInDays(days: number, hour = 18): string {
  const date = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(hour)}:00`;
}

/** Picks `zone` ("Europe/Berlin") in the time-zone combobox labelled `label`: types its name, clicks its option. */
export async function chooseTimeZone(page: Page, label: string, zone: string): Promise<void> {
  const shown = zone.replaceAll('_', ' ');
  await page.getByRole('combobox', { name: label, exact: true }).fill(shown);
  const name = new RegExp(` ${shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(, chosen)?$`);
  await page.getByRole('listbox', { name: 'Time zones' }).getByRole('option', { name }).click();
}

/** Creates an event through the form and returns its id (from the event page's URL). */
export async function createEvent(page: Page, fields: EventFields): Promise<string> {
  await page
    .getByRole('link', { name: 'New event' })
    .or(page.getByRole('button', { name: 'New event' }))
    .first()
    .click();
  await page.getByLabel('Title', { exact: true }).fill(fields.title);
  if (fields.description) await page.getByLabel('Description', { exact: true }).fill(fields.description);
  if (fields.joinLink) {
    await page.getByRole('radio', { name: 'Online', exact: true }).check();
    await page.getByLabel('Join link', { exact: true }).fill(fields.joinLink);
    await page.getByLabel('Label', { exact: true }).fill(fields.location);
  } else await page.getByLabel('Location', { exact: true }).fill(fields.location);
  await page.getByLabel('Starts at', { exact: true }).fill(fields.startsAt);
  if (fields.timeZone) await chooseTimeZone(page, 'Time zone', fields.timeZone);
  await page.getByLabel('Duration (minutes)', { exact: true }).fill(String(fields.durationMinutes ?? 90));
  if (fields.capacity !== undefined) await page.getByLabel('Capacity', { exact: true }).fill(String(fields.capacity));
  await page.getByRole('button', { name: 'Create event' }).click();
  await page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split('/').pop() as string;
}

/** The event's title link in a list on the current page. */
export const eventLink = (page: Page, title: string) => page.getByRole('link', { name: title, exact: true });
