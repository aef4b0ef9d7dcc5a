import { expect, it } from 'vitest';
import { register } from '../pages/auth-pages';
import { createEvent, wallTimeInDays } from '../pages/event-pages';
import { audit } from '../support/a11y';
import { DESKTOP, newContext, PHONE, screenshot, uniqueSuffix, useBrowser } from '../support/browser';

const browser = useBrowser();

/** `2030-05-01T17:00:00.000Z` → `20300501T170000Z`, as Google Calendar's `dates` takes it. */
const utcStamp = (iso: string) =>
  new Date(iso)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
/** An instant as `YYYY-MM-DDTHH:mm` wall time in `zone`, as the form took it. */
const wallTime = (iso: string, zone: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: zone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso)).replace(' ', 'T');

it('shares an online event: Markdown for everyone, the join link only once joined, faces for joiners, counts and calendar links for visitors', async () => {
  const organizer = await newContext(browser(), { viewport: DESKTOP });
  const joiner = await newContext(browser(), { viewport: PHONE, colorScheme: 'dark' });
  const visitor = await newContext(browser(), { viewport: DESKTOP });
  const suffix = uniqueSuffix();
  const title = `Remote reading group ${suffix}`;
  const joinLink = `https://meet.example/turnout-${suffix}`;
  const startsAt = wallTimeInDays(6, 19);
  const organizerName = `share_org_${suffix}`;
  const joinerName = `share_joiner_${suffix}`;

  // The organizer creates an online event with a Markdown description holding a link.
  await register(organizer.page, organizerName, 'Organizer');
  const eventId = await createEvent(organizer.page, {
    title,
    location: 'Jitsi',
    joinLink,
    description: '**Bring** your questions.\n\nRead the [agenda](https://agenda.example/plan) first.',
    startsAt,
    durationMinutes: 90,
  });
  const organizerDetails = organizer.page.getByRole('region', { name: 'Details' });
  await expect(organizerDetails.getByRole('link', { name: /Join online/ }).getAttribute('href')).resolves.toBe(joinLink);

  // A joiner sees the rendered Markdown, with a safe link, and no join link before joining.
  await register(joiner.page, joinerName, 'Joiner');
  await joiner.page.goto(`/events/${eventId}`);
  const details = joiner.page.getByRole('region', { name: 'Details' });
  await details.locator('strong', { hasText: 'Bring' }).waitFor();
  const agenda = details.getByRole('link', { name: 'agenda' });
  await expect(agenda.getAttribute('href')).resolves.toBe('https://agenda.example/plan');
  await expect(agenda.getAttribute('rel')).resolves.toBe('noopener noreferrer nofollow ugc');
  await expect(agenda.getAttribute('target')).resolves.toBe('_blank');
  await details.getByText('The join link appears once you join').waitFor();
  await expect(details.getByRole('link', { name: /Join online/ }).count()).resolves.toBe(0);
  await expect(joiner.page.content()).resolves.not.toContain(joinLink);
  await expect(joiner.page.getByText(`Hosted by ${organizerName}`).count()).resolves.toBe(1);

  // The organizer has the page open while they join: the list updates live.
  await organizer.page.reload();
  const organizerWho = organizer.page.getByRole('region', { name: 'Who’s going' });
  await organizerWho.getByRole('region', { name: 'Going' }).getByText('Nobody has joined yet.').waitFor();

  // The panel's own button (a phone's bar at the bottom offers the same while it is scrolled away).
  await joiner.page.getByRole('button', { name: 'Join', exact: true }).first().click();
  const joinOnline = details.getByRole('link', { name: /Join online/ });
  await joinOnline.waitFor();
  await expect(joinOnline.getAttribute('href')).resolves.toBe(joinLink);
  await expect(joinOnline.getAttribute('rel')).resolves.toBe('noopener noreferrer');

  // Who is going: names with initials avatars, for the joiner and (live) for the organizer.
  const who = joiner.page.getByRole('region', { name: 'Who’s going' });
  await who.getByText(`${joinerName} is going`).waitFor();
  const face = who.getByRole('img', { name: joinerName, exact: true });
  await expect(face.textContent()).resolves.toBe('SJ');
  await organizerWho.getByText(`${joinerName} is going`).waitFor({ timeout: 5_000 });
  await expect(organizerWho.getByRole('img', { name: joinerName, exact: true }).textContent()).resolves.toBe('SJ');
  await who.getByRole('button', { name: 'See everyone (1)' }).click();
  await who.getByRole('listitem').filter({ hasText: joinerName }).last().waitFor();
  await who.scrollIntoViewIfNeeded();
  await screenshot(joiner.page, 'share-event-joiner-phone-dark');
  expect(await audit(joiner.page)).toEqual([]);

  // A logged-out visitor on the public page: counts only, and calendar links with the event's dates.
  await visitor.page.goto(`/e/${eventId}`);
  const publicDetails = visitor.page.getByRole('region', { name: 'Details' });
  await publicDetails.getByText('1 going').waitFor();
  await publicDetails.locator('strong', { hasText: 'Bring' }).waitFor();
  await expect(visitor.page.getByRole('region', { name: 'Who’s going' }).count()).resolves.toBe(0);
  await expect(visitor.page.getByText(joinerName).count()).resolves.toBe(0);

  const { event } = (await (await visitor.page.request.get(`/api/public/events/${eventId}`)).json()) as {
    event: { startsAt: string; endsAt: string; timezone: string };
  };
  expect(wallTime(event.startsAt, event.timezone)).toBe(startsAt);
  expect(Date.parse(event.endsAt) - Date.parse(event.startsAt)).toBe(90 * 60_000);
  const google = new URL((await visitor.page.getByRole('link', { name: 'Add to Google Calendar' }).getAttribute('href')) ?? '');
  expect(google.origin + google.pathname).toBe('https://calendar.google.com/calendar/render');
  expect(google.searchParams.get('action')).toBe('TEMPLATE');
  expect(google.searchParams.get('text')).toBe(title);
  expect(google.searchParams.get('dates')).toBe(`${utcStamp(event.startsAt)}/${utcStamp(event.endsAt)}`);
  expect(google.searchParams.get('ctz')).toBe(event.timezone);
  expect(google.searchParams.get('location')).toBe('Jitsi');
  expect(google.searchParams.get('details')).toContain(`${new URL(visitor.page.url()).origin}/e/${eventId}`);
  const outlook = (await visitor.page.getByRole('link', { name: 'Add to Outlook' }).getAttribute('href')) ?? '';
  expect(outlook).toMatch(/^https:\/\/outlook\.live\.com\/calendar\/0\/action\/compose\?/);
  // The join link is nowhere on the public page, not even inside its links.
  await expect(visitor.page.content()).resolves.not.toContain(encodeURIComponent(joinLink));
  await expect(visitor.page.content()).resolves.not.toContain(joinLink);
  await screenshot(visitor.page, 'share-event-public-desktop');
  expect(await audit(visitor.page)).toEqual([]);

  expect([...organizer.errors, ...joiner.errors, ...visitor.errors]).toEqual([]);
  await Promise.all([organizer.context.close(), joiner.context.close(), visitor.context.close()]);
});
