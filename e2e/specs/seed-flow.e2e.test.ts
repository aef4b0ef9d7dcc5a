import { expect, it } from 'vitest';
import { logIn, logOut, register } from '../pages/auth-pages';
import { createEvent, eventLink, wallTimeInDays } from '../pages/event-pages';
import { DESKTOP, newContext, PHONE, screenshot, uniqueSuffix, useBrowser } from '../support/browser';

const browser = useBrowser();

it('runs the seed flow live between an organizer on a desktop and a joiner on a phone', async () => {
  const organizer = await newContext(browser(), { viewport: DESKTOP });
  const joiner = await newContext(browser(), { viewport: PHONE });
  const orgName = `org_${uniqueSuffix()}`;
  const joinerName = `joiner_${uniqueSuffix()}`;
  const title = `Rooftop jazz ${uniqueSuffix()}`;

  // The organizer registers, logs out and back in (the seed's first half).
  await register(organizer.page, orgName, 'Organizer');
  await logOut(organizer.page);
  await logIn(organizer.page, orgName);

  // The joiner is on the dashboard before the event exists.
  await register(joiner.page, joinerName, 'Joiner');
  await joiner.page.goto('/');

  const eventId = await createEvent(organizer.page, {
    title,
    location: 'Pier 7, Lisbon',
    startsAt: wallTimeInDays(7),
    durationMinutes: 120,
    capacity: 20,
  });
  await screenshot(organizer.page, 'event-page-organizer-desktop');

  // It appears on the joiner's screen without a reload.
  const link = eventLink(joiner.page, title);
  await link.waitFor({ timeout: 5_000 });
  await screenshot(joiner.page, 'dashboard-joiner-phone');

  await link.click();
  await joiner.page.waitForURL(`**/events/${eventId}`);
  // The address changes before the event page has replaced the list (and its cards' Join buttons).
  await joiner.page.getByRole('heading', { level: 1, name: title }).waitFor();
  await joiner.page.getByRole('button', { name: 'Join', exact: true }).click();
  await joiner.page.getByRole('button', { name: 'Leave' }).waitFor();
  await screenshot(joiner.page, 'event-page-joiner-phone');

  // The organizer's attendee list shows the joiner live.
  await organizer.page.getByText(joinerName).first().waitFor({ timeout: 5_000 });

  await joiner.page.getByRole('button', { name: 'Leave' }).click();
  await joiner.page.getByRole('button', { name: 'Join', exact: true }).waitFor();
  await organizer.page.getByText(joinerName).first().waitFor({ state: 'detached', timeout: 5_000 });

  // The joiner goes back to the dashboard; the organizer deletes; it vanishes there live.
  await joiner.page.goto('/');
  await eventLink(joiner.page, title).waitFor();
  await organizer.page.getByRole('button', { name: 'Delete event' }).click();
  await organizer.page.getByRole('dialog').getByRole('button', { name: 'Delete event' }).click();
  await organizer.page.waitForURL((url) => url.pathname === '/');
  await eventLink(joiner.page, title).waitFor({ state: 'detached', timeout: 5_000 });
  // The joiner was on it, so they are told it was cancelled, live.
  await joiner.page
    .getByRole('status')
    .filter({ hasText: `${title} was cancelled` })
    .first()
    .waitFor({ timeout: 5_000 });

  expect(organizer.errors).toEqual([]);
  expect(joiner.errors).toEqual([]);
  await organizer.context.close();
  await joiner.context.close();
});

it('waitlists the next joiner of a full event and promotes them live when a seat frees up', async () => {
  const organizer = await newContext(browser());
  const first = await newContext(browser(), { viewport: PHONE });
  const second = await newContext(browser(), { viewport: PHONE });
  const title = `Tiny workshop ${uniqueSuffix()}`;

  await register(organizer.page, `org_${uniqueSuffix()}`, 'Organizer');
  const eventId = await createEvent(organizer.page, {
    title,
    location: 'Room 1',
    startsAt: wallTimeInDays(3),
    durationMinutes: 60,
    capacity: 1,
  });

  await register(first.page, `first_${uniqueSuffix()}`, 'Joiner');
  await first.page.goto(`/events/${eventId}`);
  await first.page.getByRole('button', { name: 'Join', exact: true }).click();
  await first.page.getByRole('button', { name: 'Leave' }).waitFor();

  await register(second.page, `second_${uniqueSuffix()}`, 'Joiner');
  await second.page.goto(`/events/${eventId}`);
  await second.page.getByRole('button', { name: 'Join waitlist' }).click();
  await second.page
    .getByText(/waitlist.*#?1\b/i)
    .first()
    .waitFor();
  await screenshot(second.page, 'event-page-waitlisted-phone');

  // The first joiner leaves, confirming that the seat goes to the waitlist: the second is promoted
  // on their open page ("Leave waitlist" becomes "Leave"), and notified.
  await first.page.getByRole('button', { name: 'Leave', exact: true }).click();
  await first.page.getByRole('dialog').getByRole('button', { name: 'Give up my seat' }).click();
  await second.page.getByRole('button', { name: 'Leave', exact: true }).waitFor({ timeout: 5_000 });
  await second.page.getByRole('status').filter({ hasText: title }).first().waitFor({ timeout: 5_000 });

  expect([...organizer.errors, ...first.errors, ...second.errors]).toEqual([]);
  await Promise.all([organizer.context.close(), first.context.close(), second.context.close()]);
});
