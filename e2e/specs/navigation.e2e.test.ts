import { expect, it } from 'vitest';
import { register } from '../pages/auth-pages';
import { createEvent, wallTimeInDays } from '../pages/event-pages';
import { newContext, uniqueSuffix, useBrowser } from '../support/browser';

const browser = useBrowser();

/** A screen short enough that the event form scrolls, wide enough for the sticky side panel. */
const SHORT_DESKTOP = { width: 1024, height: 600 };
const longDescription = Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1}: what to bring, where to meet, who to ask.`).join('\n\n');

const scrollY = (page: import('playwright-core').Page) => page.evaluate(() => window.scrollY);

it('opens every new page at its top, and back and forward return to where the reader was', async () => {
  const { context, page, errors } = await newContext(browser(), { viewport: SHORT_DESKTOP });
  await register(page, `scroll_org_${uniqueSuffix()}`, 'Organizer');
  const title = `Long read ${uniqueSuffix()}`;

  // The form's Create button is below the fold: sending it leaves the form scrolled down.
  const eventId = await createEvent(page, {
    title,
    description: longDescription,
    location: 'Hall 3',
    startsAt: wallTimeInDays(9),
    capacity: 30,
  });
  const heading = page.getByRole('heading', { name: title, level: 1 });
  await heading.waitFor();
  await expect.poll(() => scrollY(page)).toBe(0);
  // The title is on screen, below the sticky header.
  const header = await page.locator('header').first().boundingBox();
  const titleBox = await heading.boundingBox();
  expect(titleBox?.y).toBeGreaterThanOrEqual((header?.y ?? 0) + (header?.height ?? 0));

  // Read halfway down, then open the edit form: it opens at its top too.
  await page.evaluate(() => window.scrollTo(0, 700));
  await expect.poll(() => scrollY(page)).toBe(700);
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.waitForURL(`**/events/${eventId}/edit`);
  await page.getByRole('heading', { name: 'Edit event' }).waitFor();
  await expect.poll(() => scrollY(page)).toBe(0);

  // Saving from the bottom of the form lands on the event's top, not where the form was scrolled.
  await page.getByLabel('Capacity', { exact: true }).fill('35');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.waitForURL(`**/events/${eventId}`);
  await page.getByText('0 of 35 going').first().waitFor();
  await expect.poll(() => scrollY(page)).toBe(0);

  // Back twice: the form, then the event page where the reader had scrolled to.
  await page.goBack();
  await page.waitForURL(`**/events/${eventId}/edit`);
  await page.goBack();
  await page.waitForURL(`**/events/${eventId}`);
  await expect.poll(() => scrollY(page)).toBe(700);
  // And forward again to the form, at the place it was left.
  await page.goForward();
  await page.waitForURL(`**/events/${eventId}/edit`);
  await expect.poll(() => scrollY(page)).toBeGreaterThan(0);

  expect(errors).toEqual([]);
  await context.close();
});

it('says the server cannot be reached, inside the app’s header, and comes back on its own when it is up again', async () => {
  const { context, page, errors } = await newContext(browser());
  await register(page, `down_${uniqueSuffix()}`, 'Joiner');

  // The API stops answering: every request to it fails as a refused connection would.
  await page.route('**/api/**', (route) => route.abort('connectionrefused'));
  await page.goto('/settings');
  const main = page.getByRole('main');
  await main.getByRole('heading', { name: 'Can’t reach Turnout' }).waitFor();
  await expect(main.getByText(/server can’t be reached/i).count()).resolves.toBe(1);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Turnout' }).waitFor();
  await expect(page.getByRole('button', { name: 'Retry' }).isVisible()).resolves.toBe(true);
  await expect(page.getByText('Something went wrong').count()).resolves.toBe(0);

  // The server is back: the page loads by itself, without a reload or a press of Retry.
  await page.unroute('**/api/**');
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Log out' }).waitFor();

  // Chromium logs each refused request; nothing else may go wrong.
  expect(errors.filter((error) => !/ERR_CONNECTION_REFUSED|ERR_FAILED/.test(error))).toEqual([]);
  await context.close();
});
