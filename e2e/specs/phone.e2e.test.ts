import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { register } from '../pages/auth-pages';
import { createEvent, wallTimeInDays } from '../pages/event-pages';
import { horizontalOverflow } from '../support/a11y';
import { newContext, uniqueSuffix, useBrowser } from '../support/browser';

const browser = useBrowser();

/** An everyday phone, and the narrowest one still around. */
const PHONE_375 = { width: 375, height: 667 };
const PHONE_320 = { width: 320, height: 568 };

/** How many of the elements `locator` matches lie wholly inside the viewport as it is scrolled now. */
const countOnScreen = (locator: Locator) =>
  locator
    .evaluateAll((elements) =>
      elements.filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth;
      }),
    )
    .then((onScreen) => onScreen.length);

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

it('keeps the header within a phone’s width, Log out in reach, while it reconnects', async () => {
  const { context, page, errors } = await newContext(browser(), { viewport: PHONE_375 });
  await register(page, `narrow_${uniqueSuffix()}`, 'Joiner');
  const logOut = page.getByRole('button', { name: 'Log out' });

  // The phone loses its network: the socket drops and the header says it is reconnecting.
  await context.setOffline(true);
  const reconnecting = page.getByRole('status').filter({ hasText: 'Reconnecting…' });
  // A socket still connecting when the network went gives up after its 10 s connect timeout.
  await reconnecting.waitFor({ timeout: 15_000 });

  for (const viewport of [PHONE_375, PHONE_320]) {
    await page.setViewportSize(viewport);
    await expect.poll(() => pageWidth(page)).toBeLessThanOrEqual(viewport.width);
    expect(await horizontalOverflow(page)).toEqual([]);
    await expect(countOnScreen(logOut)).resolves.toBe(1);
    // The badge is still there to see, and still says what it means to a screen reader.
    await expect(countOnScreen(reconnecting)).resolves.toBe(1);
  }

  await context.setOffline(false);
  await reconnecting.waitFor({ state: 'detached', timeout: 15_000 });
  const offlineAttempt = /ERR_INTERNET_DISCONNECTED/;
  expect(errors.filter((error) => !offlineAttempt.test(error))).toEqual([]);
  await context.close();
});

it('keeps the event’s Join action on a phone’s screen under a long description', async () => {
  const organizer = await newContext(browser());
  await register(organizer.page, `sticky_org_${uniqueSuffix()}`, 'Organizer');
  const title = `Long program ${uniqueSuffix()}`;
  const description = Array.from({ length: 45 }, (_, i) => `Session ${i + 1}: a talk, questions, and a short break after it.`).join('\n\n');
  const eventId = await createEvent(organizer.page, { title, description, location: 'Aula', startsAt: wallTimeInDays(12), capacity: 25 });

  const { context, page, errors } = await newContext(browser(), { viewport: PHONE_375 });
  await register(page, `sticky_joiner_${uniqueSuffix()}`, 'Joiner');
  await page.goto(`/events/${eventId}`);
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
  await expect(page.evaluate(() => window.scrollY)).resolves.toBe(0);

  // Without scrolling, a Join button and the seats left are on screen.
  const join = page.getByRole('button', { name: 'Join', exact: true });
  await expect.poll(() => countOnScreen(join)).toBe(1);
  // The bar slides in: its text may still be on its way up when its button is already in view.
  await expect.poll(() => countOnScreen(page.getByText(/^25 seats left/))).toBe(1);
  const onScreen = await join.evaluateAll((elements) =>
    elements.findIndex((el) => {
      const box = el.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= innerHeight;
    }),
  );
  await join.nth(onScreen).click();

  // It joins: the bar says so, and the organizer sees the seat taken.
  await expect.poll(() => countOnScreen(page.getByRole('button', { name: 'Leave' }))).toBe(1);
  await expect(page.evaluate(() => window.scrollY)).resolves.toBe(0);
  await organizer.page.getByText('1 of 25 going').first().waitFor({ timeout: 5_000 });

  // Once the page's own action is on screen, the bar steps aside: one Leave button, not two.
  await page.getByRole('heading', { name: 'Your spot' }).scrollIntoViewIfNeeded();
  await expect.poll(() => page.getByRole('button', { name: 'Leave' }).count()).toBe(1);
  await expect(countOnScreen(page.getByRole('button', { name: 'Leave' }))).resolves.toBe(1);
  await expect(pageWidth(page)).resolves.toBeLessThanOrEqual(PHONE_375.width);

  expect([...organizer.errors, ...errors]).toEqual([]);
  await Promise.all([organizer.context.close(), context.close()]);
});
