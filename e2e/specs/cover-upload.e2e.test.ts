import { expect, it } from 'vitest';
import { register } from '../pages/auth-pages';
import { createEvent, wallTimeInDays } from '../pages/event-pages';
import { coverImage, cropAndSave } from '../pages/image-pages';
import { audit, horizontalOverflow, NARROW } from '../support/a11y';
import { DESKTOP, newContext, PHONE, screenshot, uniqueSuffix, useBrowser } from '../support/browser';
import { png } from '../support/png';

const browser = useBrowser();

/** A 1200 × 900 sunset: orange above, deep blue below, so any crop of it is not one flat colour. */
const sunset = {
  name: 'sunset.png',
  mimeType: 'image/png',
  buffer: await png(1200, 900, (_x, y) => (y < 600 ? [240, 120, 40] : [20, 40, 110])),
};

it('shows the cover an organizer uploads on their page, live on an attendee’s open page, and on the public page', async () => {
  const organizer = await newContext(browser(), { viewport: DESKTOP });
  const attendee = await newContext(browser(), { viewport: PHONE, colorScheme: 'dark' });
  const guest = await newContext(browser(), { viewport: DESKTOP });
  const title = `Sunset swim ${uniqueSuffix()}`;

  await register(organizer.page, `cover_org_${uniqueSuffix()}`, 'Organizer');
  const eventId = await createEvent(organizer.page, { title, location: 'South beach', startsAt: wallTimeInDays(5) });

  await register(attendee.page, `cover_joiner_${uniqueSuffix()}`, 'Joiner');
  await attendee.page.goto(`/events/${eventId}`);
  await attendee.page.getByRole('heading', { name: title }).waitFor();
  await expect(coverImage(attendee.page).count()).resolves.toBe(0);
  // A reload would lose this mark: its survival proves the cover arrived in the open page.
  await attendee.page.evaluate(() => Object.assign(window, { openSince: 'before the cover' }));

  await cropAndSave(organizer.page, 'Add cover', 'Save cover', sunset);
  await organizer.page.getByText('Cover added').waitFor();
  const cover = coverImage(organizer.page);
  await cover.waitFor();
  const src = (await cover.getAttribute('src')) ?? '';
  expect(src).toMatch(/^\/api\/images\/[\w-]+$/);
  await expect(cover.getAttribute('fetchpriority')).resolves.toBe('high');
  // Stored as the server's 2:1 rendition, whatever the upload's size.
  await organizer.page.waitForFunction(() => (document.querySelector('[data-cover] img') as HTMLImageElement | null)?.complete === true);
  await expect(cover.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).resolves.toEqual([1600, 800]);
  await expect(organizer.page.getByRole('button', { name: 'Change cover' }).isVisible()).resolves.toBe(true);
  await screenshot(organizer.page, 'event-cover-organizer-desktop');

  // The attendee's page shows it without a reload.
  await coverImage(attendee.page).waitFor({ timeout: 5_000 });
  await expect(coverImage(attendee.page).getAttribute('src')).resolves.toBe(src);
  await expect(attendee.page.evaluate(() => (window as { openSince?: string }).openSince)).resolves.toBe('before the cover');
  await expect(attendee.page.getByRole('button', { name: 'Change cover' }).count()).resolves.toBe(0);
  await screenshot(attendee.page, 'event-cover-attendee-phone-dark');

  // One id is one rendition: the image is cached for a year.
  const image = await guest.page.request.get(src);
  expect(image.status()).toBe(200);
  expect(image.headers()['content-type']).toBe('image/webp');
  expect(image.headers()['cache-control']).toMatch(/max-age=31536000/);
  expect(image.headers()['cache-control']).toMatch(/immutable/);

  // The shared link shows it to someone without an account.
  await guest.page.goto(`/e/${eventId}`);
  await guest.page.getByRole('heading', { name: title }).waitFor();
  await coverImage(guest.page).waitFor();
  await expect(coverImage(guest.page).getAttribute('src')).resolves.toBe(src);

  // The organizer's list shows it small on the event's card, loaded lazily.
  await organizer.page.goto('/');
  const card = organizer.page.getByRole('article', { name: title });
  await card.locator('[data-cover] img').waitFor();
  await expect(card.locator('[data-cover] img').getAttribute('loading')).resolves.toBe('lazy');
  await screenshot(organizer.page, 'dashboard-cover-card-desktop');
  await attendee.page.goto('/');
  await attendee.page.getByRole('article', { name: title }).locator('[data-cover] img').waitFor();
  await screenshot(attendee.page, 'dashboard-cover-card-phone-dark');

  expect(await audit(organizer.page)).toEqual([]);
  expect(await audit(attendee.page)).toEqual([]);
  expect(await audit(guest.page)).toEqual([]);
  await guest.page.setViewportSize(NARROW);
  expect(await horizontalOverflow(guest.page)).toEqual([]);

  expect([...organizer.errors, ...attendee.errors, ...guest.errors]).toEqual([]);
  await Promise.all([organizer.context.close(), attendee.context.close(), guest.context.close()]);
});

it('checks a file before it is sent, and removes the cover after asking', async () => {
  const organizer = await newContext(browser(), { viewport: PHONE });
  await register(organizer.page, `cover_rm_${uniqueSuffix()}`, 'Organizer');
  await createEvent(organizer.page, { title: `Kite day ${uniqueSuffix()}`, location: 'Dunes', startsAt: wallTimeInDays(3) });

  await organizer.page
    .getByLabel('Add cover', { exact: true })
    .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hi') });
  await organizer.page.getByRole('alert').getByText('Choose a JPEG, PNG or WebP image').waitFor();

  await screenshot(organizer.page, 'event-cover-empty-organizer-phone');
  await cropAndSave(organizer.page, 'Add cover', 'Save cover', sunset, async () => {
    await screenshot(organizer.page, 'event-cover-crop-organizer-phone');
    expect(await audit(organizer.page)).toEqual([]);
  });
  await coverImage(organizer.page).waitFor();
  await screenshot(organizer.page, 'event-cover-organizer-phone');
  expect(await audit(organizer.page)).toEqual([]);
  await organizer.page.setViewportSize(NARROW);
  expect(await horizontalOverflow(organizer.page)).toEqual([]);

  await organizer.page.getByRole('button', { name: 'Remove cover' }).click();
  await organizer.page.getByRole('dialog', { name: 'Remove the cover?' }).getByRole('button', { name: 'Remove cover' }).click();
  await organizer.page.getByText('Cover removed').waitFor();
  await organizer.page.getByRole('button', { name: 'Add cover' }).waitFor();
  await expect(coverImage(organizer.page).count()).resolves.toBe(0);

  expect(organizer.errors).toEqual([]);
  await organizer.context.close();
});

it('shows the profile photo a user uploads in settings beside their name in the header at once', async () => {
  const person = await newContext(browser(), { viewport: DESKTOP });
  const name = `photo_${uniqueSuffix()}`;
  await register(person.page, name, 'Joiner');
  await person.page.goto('/settings');
  const header = person.page.getByRole('navigation', { name: 'Main' });
  await expect(header.locator('img').count()).resolves.toBe(0);

  await cropAndSave(person.page, 'Add photo', 'Save photo', sunset);
  await person.page.getByText('Photo added').waitFor();
  const avatar = header.locator('img');
  await avatar.waitFor();
  await expect(avatar.getAttribute('alt')).resolves.toBe('');
  const src = (await avatar.getAttribute('src')) ?? '';
  await expect(person.page.getByRole('img', { name }).getAttribute('src')).resolves.toBe(src);
  await person.page.waitForFunction(() => (document.querySelector('nav img') as HTMLImageElement | null)?.complete === true);
  await expect(avatar.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).resolves.toEqual([256, 256]);
  await screenshot(person.page, 'settings-profile-photo-desktop');
  expect(await audit(person.page)).toEqual([]);

  expect(person.errors).toEqual([]);
  await person.context.close();
});
