import { expect, it } from 'vitest';
import { register } from '../pages/auth-pages';
import { createEvent, eventLink, wallTimeInDays } from '../pages/event-pages';
import { newContext, PHONE, uniqueSuffix, useBrowser } from '../support/browser';

const browser = useBrowser();

it('shows a quiet reconnecting state while the connection is down and catches up on what it missed', async () => {
  const organizer = await newContext(browser());
  await register(organizer.page, `net_org_${uniqueSuffix()}`, 'Organizer');
  const title = `Signal lost ${uniqueSuffix()}`;
  const eventId = await createEvent(organizer.page, { title, location: 'Basement', startsAt: wallTimeInDays(6), capacity: 8 });

  const joiner = await newContext(browser(), { viewport: PHONE });
  await register(joiner.page, `net_joiner_${uniqueSuffix()}`, 'Joiner');
  await eventLink(joiner.page, title).waitFor();
  const reconnecting = joiner.page.getByRole('status').filter({ hasText: 'Reconnecting…' });
  await expect(reconnecting.count()).resolves.toBe(0);

  // The joiner's phone loses its network: the socket drops and every attempt to reconnect fails.
  await joiner.context.setOffline(true);
  await reconnecting.waitFor({ timeout: 5_000 });

  // The organizer renames the event while the joiner cannot hear about it.
  const renamed = `${title} (moved upstairs)`;
  await organizer.page.goto(`/events/${eventId}/edit`);
  await organizer.page.getByLabel('Title', { exact: true }).fill(renamed);
  await organizer.page.getByRole('button', { name: 'Save changes' }).click();
  await organizer.page.getByRole('heading', { name: renamed }).waitFor();
  await joiner.page.waitForTimeout(500);
  await expect(eventLink(joiner.page, title).count()).resolves.toBe(1);
  await expect(eventLink(joiner.page, renamed).count()).resolves.toBe(0);

  // Back online: the socket reconnects on its own and the list catches up without a reload.
  await joiner.context.setOffline(false);
  await eventLink(joiner.page, renamed).waitFor({ timeout: 15_000 });
  await reconnecting.waitFor({ state: 'detached' });
  await expect(eventLink(joiner.page, title).count()).resolves.toBe(0);

  // And it is live again.
  const again = `${renamed}!`;
  await organizer.page.getByRole('link', { name: 'Edit' }).click();
  await organizer.page.getByLabel('Title', { exact: true }).fill(again);
  await organizer.page.getByRole('button', { name: 'Save changes' }).click();
  await eventLink(joiner.page, again).waitFor({ timeout: 5_000 });

  // Chromium logs each connection attempt made while offline; nothing else may go wrong.
  const offlineAttempt = /ERR_INTERNET_DISCONNECTED/;
  expect([...organizer.errors, ...joiner.errors.filter((error) => !offlineAttempt.test(error))]).toEqual([]);
  await Promise.all([organizer.context.close(), joiner.context.close()]);
});
