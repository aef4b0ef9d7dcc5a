import { expect, it } from 'vitest';
import { emailFor, register } from '../pages/auth-pages';
import { createEvent, eventLink, wallTimeInDays } from '../pages/event-pages';
import { newContext, PHONE, uniqueSuffix, useBrowser } from '../support/browser';
import { hasFocus, tabTo, typeWallTime } from '../support/keyboard';
import { totpCode } from '../support/totp';

// Only the keyboard drives the pages under test: no clicks, no fills.

const browser = useBrowser();

it('lets an organizer create, edit and delete an event with the keyboard alone', async () => {
  const { context, page, errors } = await newContext(browser());
  await register(page, `kb_org_${uniqueSuffix()}`, 'Organizer');
  const title = `Keyboard night ${uniqueSuffix()}`;

  await tabTo(page, page.getByRole('link', { name: 'New event' }));
  await page.keyboard.press('Enter');
  await page.waitForURL('**/events/new');

  await tabTo(page, page.getByLabel('Title', { exact: true }));
  await page.keyboard.type(title);
  await tabTo(page, page.getByLabel('Location', { exact: true }));
  await page.keyboard.type('Hall B');
  await tabTo(page, page.getByLabel('Starts at', { exact: true }));
  const startsAt = wallTimeInDays(5, 19);
  await typeWallTime(page, startsAt);
  await expect(page.getByLabel('Starts at', { exact: true }).inputValue()).resolves.toBe(startsAt);
  await tabTo(page, page.getByLabel('Capacity', { exact: true }));
  await page.keyboard.type('12');
  // Enter in a text field submits the form.
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { name: title }).waitFor();

  await tabTo(page, page.getByRole('link', { name: 'Edit' }));
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/edit$/);
  await tabTo(page, page.getByLabel('Capacity', { exact: true }));
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('30');
  await tabTo(page, page.getByRole('button', { name: 'Save changes' }));
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
  await page.getByText('0 of 30 going').first().waitFor();

  // The confirmation dialog takes focus, Escape gives it back to the button that opened it.
  const deleteButton = page.getByRole('button', { name: 'Delete event' });
  await tabTo(page, deleteButton);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(hasFocus(dialog.getByRole('button', { name: 'Cancel' }))).resolves.toBe(true);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await expect(hasFocus(deleteButton)).resolves.toBe(true);

  await page.keyboard.press('Enter');
  await tabTo(page, dialog.getByRole('button', { name: 'Delete event' }));
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/');
  await eventLink(page, title).waitFor({ state: 'detached' });

  expect(errors).toEqual([]);
  await context.close();
});

it('lets a joiner sign up, find, join and leave an event, read notifications and switch theme with the keyboard alone', async () => {
  const organizer = await newContext(browser());
  await register(organizer.page, `kb_host_${uniqueSuffix()}`, 'Organizer');
  const title = `Tab and Enter club ${uniqueSuffix()}`;
  const eventId = await createEvent(organizer.page, { title, location: 'Room 4', startsAt: wallTimeInDays(4), capacity: 10 });

  const { context, page, errors } = await newContext(browser(), { viewport: PHONE });
  await page.goto('/register');
  const joinerName = `kb_joiner_${uniqueSuffix()}`;
  await tabTo(page, page.getByLabel('Name', { exact: true }));
  await page.keyboard.type(joinerName);
  await tabTo(page, page.getByLabel('Email', { exact: true }));
  await page.keyboard.type(emailFor(joinerName));
  await tabTo(page, page.getByLabel('Password', { exact: true }));
  await page.keyboard.type('correct horse battery');
  // Tab enters the role group on its checked radio (Joiner); the arrow keys move the choice.
  await tabTo(page, page.getByRole('radio', { name: 'Joiner' }));
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('radio', { name: 'Organizer' }).isChecked()).resolves.toBe(true);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Joiner' }).isChecked()).resolves.toBe(true);
  await tabTo(page, page.getByRole('button', { name: 'Create account' }));
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Log out' }).waitFor();

  await tabTo(page, page.getByRole('searchbox', { name: 'Search events' }));
  await page.keyboard.type(title);
  await tabTo(page, eventLink(page, title));
  await page.keyboard.press('Enter');
  await page.waitForURL('**/events/*');

  // Joining keeps focus on the button, which becomes Leave; leaving turns it back.
  const join = page.getByRole('button', { name: 'Join', exact: true });
  await tabTo(page, join);
  await page.keyboard.press('Enter');
  const leave = page.getByRole('button', { name: 'Leave' });
  await leave.waitFor();
  await expect.poll(() => hasFocus(leave)).toBe(true);
  // Presses are ignored until the server has answered the join.
  await expect.poll(() => leave.getAttribute('aria-disabled')).toBeNull();
  await page.keyboard.press('Enter');
  await join.waitFor();
  await expect.poll(() => hasFocus(join)).toBe(true);

  // Joined again, the joiner is told when the organizer moves the event.
  await expect.poll(() => join.getAttribute('aria-disabled')).toBeNull();
  await page.keyboard.press('Enter');
  await leave.waitFor();
  await organizer.page.goto(`/events/${eventId}/edit`);
  await organizer.page.getByLabel('Location', { exact: true }).fill('Room 5');
  await organizer.page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('1 unread').waitFor();

  // The bell opens its panel; Tab reaches the notification's link; Escape closes the panel and
  // gives focus back to the bell.
  const bell = page.getByRole('button', { name: 'Notifications' });
  await tabTo(page, bell, { backwards: true });
  await page.keyboard.press('Enter');
  const panel = page.getByRole('region', { name: 'Notifications' });
  await panel.waitFor();
  await expect(bell.getAttribute('aria-expanded')).resolves.toBe('true');
  await tabTo(page, panel.getByRole('link', { name: 'Event changed' }), { limit: 3 });
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'hidden' });
  await expect(hasFocus(bell)).resolves.toBe(true);

  // The theme switch answers to Space and is remembered after a reload.
  const dark = page.getByRole('button', { name: 'Dark theme' });
  await tabTo(page, dark);
  const before = await dark.getAttribute('aria-pressed');
  await page.keyboard.press('Space');
  const after = before === 'true' ? 'false' : 'true';
  await expect(dark.getAttribute('aria-pressed')).resolves.toBe(after);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed')).resolves.toBe(after);

  await tabTo(page, page.getByRole('button', { name: 'Log out' }));
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Log in' }).waitFor();

  expect([...errors, ...organizer.errors]).toEqual([]);
  await Promise.all([context.close(), organizer.context.close()]);
});

it('turns on two-factor sign-in from the settings and logs in with a code, with the keyboard alone', async () => {
  const name = `kb_2fa_${uniqueSuffix()}`;
  const { context, page, errors } = await newContext(browser());
  await register(page, name, 'Joiner');

  await tabTo(page, page.getByRole('link', { name: 'Settings' }));
  await page.keyboard.press('Enter');
  const twoFactor = page.getByRole('region', { name: /^Two-factor sign-in/ });
  await tabTo(page, twoFactor.getByRole('button', { name: 'Turn on' }));
  await page.keyboard.press('Enter');
  // Each step takes focus to its heading, where a screen reader starts reading.
  const setupHeading = twoFactor.getByRole('heading', { name: 'Add Turnout to your authenticator app' });
  await expect.poll(() => hasFocus(setupHeading)).toBe(true);
  const secret = ((await twoFactor.locator('dd code').textContent()) ?? '').replace(/\s+/g, '');
  const enabled = totpCode(secret);
  await tabTo(page, twoFactor.getByLabel('Code from the app', { exact: true }));
  await page.keyboard.type(enabled.code);
  await page.keyboard.press('Enter');
  const codesHeading = twoFactor.getByRole('heading', { name: 'Save your recovery codes' });
  await codesHeading.waitFor();
  await expect.poll(() => hasFocus(codesHeading)).toBe(true);
  await tabTo(page, twoFactor.getByRole('button', { name: 'I have saved them' }));
  await page.keyboard.press('Enter');
  await expect.poll(() => hasFocus(twoFactor.getByRole('heading', { level: 2 }))).toBe(true);

  await tabTo(page, page.getByRole('button', { name: 'Log out' }), { backwards: true });
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Log in' }).waitFor();

  await tabTo(page, page.getByLabel('Name', { exact: true }));
  await page.keyboard.type(name);
  await tabTo(page, page.getByLabel('Password', { exact: true }));
  await page.keyboard.type('correct horse battery');
  await page.keyboard.press('Enter');
  const codeStep = page.getByRole('heading', { name: 'Two-factor sign-in' });
  await codeStep.waitFor();
  await expect.poll(() => hasFocus(codeStep)).toBe(true);
  await tabTo(page, page.getByLabel('Authentication code', { exact: true }));
  await page.keyboard.type(totpCode(secret, enabled.step + 1).code);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Log out' }).waitFor();

  expect(errors).toEqual([]);
  await context.close();
});
