import { expect, it } from 'vitest';
import { register } from '../pages/auth-pages';
import { createEvent, eventLink, wallTimeInDays } from '../pages/event-pages';
import { audit } from '../support/a11y';
import { DESKTOP, newContext, uniqueSuffix, useBrowser } from '../support/browser';

const browser = useBrowser();

it('lets an organizer join another organizer’s event, find it under Going, and see it counted live by its host', async () => {
  const host = await newContext(browser(), { viewport: DESKTOP });
  const guest = await newContext(browser(), { viewport: DESKTOP });
  const title = `Printmaking studio ${uniqueSuffix()}`;
  const guestName = `org_guest_${uniqueSuffix()}`;

  await register(host.page, `org_host_${uniqueSuffix()}`, 'Organizer');
  const eventId = await createEvent(host.page, { title, location: 'Studio 4', startsAt: wallTimeInDays(9), capacity: 12 });
  // The host runs the event: no Join for them.
  await expect(host.page.getByRole('button', { name: 'Join', exact: true }).count()).resolves.toBe(0);

  await register(guest.page, guestName, 'Organizer');
  // An organizer's dashboard opens on what they host; the event of another is under All events.
  await guest.page.getByRole('radio', { name: 'Hosting', checked: true }).waitFor();
  await guest.page.getByRole('radio', { name: 'All events' }).click();
  await guest.page.waitForURL('**/?show=all');
  await eventLink(guest.page, title).click();
  await guest.page.waitForURL(`**/events/${eventId}`);
  await guest.page.getByRole('heading', { level: 1, name: title }).waitFor();
  await guest.page.getByRole('button', { name: 'Join', exact: true }).click();
  await guest.page.getByRole('button', { name: 'Leave', exact: true }).waitFor();
  expect(await audit(guest.page)).toEqual([]);

  // The host sees the seat taken, live, and the guest's name in the list.
  await host.page.getByText(guestName).first().waitFor({ timeout: 5_000 });
  await host.page
    .getByText(/1 of 12 going/)
    .first()
    .waitFor({ timeout: 5_000 });

  await guest.page.goto('/?show=going');
  await eventLink(guest.page, title).waitFor();

  await host.context.close();
  await guest.context.close();
});
