import { expect, it } from 'vitest';
import { postAnnouncement, updatesSection } from '../pages/announcement-pages';
import { register } from '../pages/auth-pages';
import { createEvent, wallTimeInDays } from '../pages/event-pages';
import { audit, horizontalOverflow, NARROW } from '../support/a11y';
import { DESKTOP, newContext, PHONE, screenshot, uniqueSuffix, useBrowser } from '../support/browser';

const browser = useBrowser();

it('shows an organizer’s announcement on an attendee’s already open event page, live, without a reload', async () => {
  const organizer = await newContext(browser(), { viewport: DESKTOP });
  const attendee = await newContext(browser(), { viewport: PHONE, colorScheme: 'dark' });
  const title = `Harbour cleanup ${uniqueSuffix()}`;

  await register(organizer.page, `ann_org_${uniqueSuffix()}`, 'Organizer');
  const eventId = await createEvent(organizer.page, {
    title,
    location: 'North pier',
    startsAt: wallTimeInDays(4),
    durationMinutes: 180,
    capacity: 30,
  });

  await register(attendee.page, `ann_joiner_${uniqueSuffix()}`, 'Joiner');
  await attendee.page.goto(`/events/${eventId}`);
  await attendee.page.getByRole('button', { name: 'Join', exact: true }).click();
  await attendee.page.getByRole('button', { name: 'Leave' }).waitFor();
  const attendeeUpdates = updatesSection(attendee.page);
  await attendeeUpdates.getByText('No updates from the organizer yet.').waitFor();
  // A reload would lose this mark: its survival proves the update arrived in the open page.
  await attendee.page.evaluate(() => Object.assign(window, { openSince: 'before the announcement' }));

  // The organizer's page is the event they just created; they post to those who joined.
  await organizer.page.reload();
  await postAnnouncement(organizer.page, 'Gloves and bags are provided.\nMeet at the blue container.', 'Joined');
  const organizerUpdates = updatesSection(organizer.page);
  await organizerUpdates.getByText('To: joined · sent to 1 person').waitFor();
  await screenshot(organizer.page, 'event-updates-organizer-desktop');

  await attendeeUpdates.getByText('Gloves and bags are provided.').waitFor({ timeout: 5_000 });
  await expect(attendee.page.evaluate(() => (window as { openSince?: string }).openSince)).resolves.toBe('before the announcement');
  // Line breaks are kept as the page renders them; the attendee does not see who else it went to.
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point (textContent has the line break either way)
  await expect(attendeeUpdates.getByRole('listitem').first().innerText()).resolves.toContain(
    'Gloves and bags are provided.\nMeet at the blue container.',
  );
  await expect(attendeeUpdates.getByText(/^To: /).count()).resolves.toBe(0);
  await screenshot(attendee.page, 'event-updates-attendee-phone-dark');

  expect(await audit(organizer.page)).toEqual([]);
  expect(await audit(attendee.page)).toEqual([]);
  await attendee.page.setViewportSize(NARROW);
  expect(await horizontalOverflow(attendee.page)).toEqual([]);

  expect([...organizer.errors, ...attendee.errors]).toEqual([]);
  await Promise.all([organizer.context.close(), attendee.context.close()]);
});
