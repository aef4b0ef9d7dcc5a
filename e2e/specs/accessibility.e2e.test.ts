import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { openSettings, turnOnTwoFactor } from '../pages/account-pages';
import { register, submitLogin } from '../pages/auth-pages';
import { createEvent, wallTimeInDays } from '../pages/event-pages';
import { coverImage, cropAndSave } from '../pages/image-pages';
import { audit, horizontalOverflow, NARROW } from '../support/a11y';
import { DESKTOP, newContext, PHONE, screenshot, uniqueSuffix, useBrowser } from '../support/browser';
import { png } from '../support/png';
import { totpCode } from '../support/totp';

/** A cover with some detail to it: diagonal bands of warm and cool colours. */
const cover = {
  name: 'meetup.png',
  mimeType: 'image/png',
  buffer: await png(1600, 900, (x, y) => ((x + y) % 400 < 200 ? [44, 92, 160] : [236, 150, 70])),
};

const browser = useBrowser();
let eventId: string;
type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;
let organizerState: StorageState;
let joinerState: StorageState;
/** An account with two-factor sign-in on, whose login stops at the code step. */
const twoFactorName = `a11y_2fa_${uniqueSuffix()}`;

beforeAll(async () => {
  const organizer = await newContext(browser());
  await register(organizer.page, `a11y_org_${uniqueSuffix()}`, 'Organizer');
  eventId = await createEvent(organizer.page, {
    title: 'Accessibility meetup',
    description:
      '## Programme\n\nTwo short **talks**, then a *hands-on* screen reader session:\n\n- bring a laptop with a screen reader\n- headphones help\n\nSlides from last time are on [the wiki](https://example.org/wiki).',
    location: 'Library hall',
    startsAt: wallTimeInDays(10),
    durationMinutes: 120,
    capacity: 40,
  });
  await cropAndSave(organizer.page, 'Add cover', 'Save cover', cover);
  await coverImage(organizer.page).waitFor();
  organizerState = await organizer.context.storageState();
  await organizer.context.close();
  // Someone already going, so the event pages show who is.
  const guest = await newContext(browser());
  await register(guest.page, `a11y_guest_${uniqueSuffix()}`, 'Joiner');
  await guest.page.goto(`/events/${eventId}`);
  await guest.page.getByRole('button', { name: 'Join', exact: true }).click();
  await guest.page.getByRole('button', { name: 'Leave', exact: true }).waitFor();
  await guest.context.close();
  const joiner = await newContext(browser());
  await register(joiner.page, `a11y_joiner_${uniqueSuffix()}`, 'Joiner');
  joinerState = await joiner.context.storageState();
  await joiner.context.close();
  const guarded = await newContext(browser());
  await register(guarded.page, twoFactorName, 'Joiner');
  await openSettings(guarded.page);
  await turnOnTwoFactor(guarded.page, (secret) => totpCode(secret).code);
  await guarded.context.close();
});

type Visit = { name: string; path: () => string; as: 'anonymous' | 'organizer' | 'joiner'; ready: (page: Page) => Promise<unknown> };
const visits: Visit[] = [
  { name: 'login', path: () => '/login', as: 'anonymous', ready: (p) => p.getByRole('button', { name: 'Log in' }).waitFor() },
  { name: 'register', path: () => '/register', as: 'anonymous', ready: (p) => p.getByRole('button', { name: 'Create account' }).waitFor() },
  {
    name: 'login-code',
    path: () => '/login',
    as: 'anonymous',
    ready: async (p) => {
      await submitLogin(p, twoFactorName);
      await p.getByLabel('Authentication code', { exact: true }).waitFor();
    },
  },
  {
    name: 'forgot-password',
    path: () => '/forgot-password',
    as: 'anonymous',
    ready: (p) => p.getByRole('button', { name: 'Send the link' }).waitFor(),
  },
  {
    name: 'reset-password',
    path: () => '/reset-password#token=not-a-real-token',
    as: 'anonymous',
    ready: (p) => p.getByRole('button', { name: 'Set the new password' }).waitFor(),
  },
  {
    name: 'verify-email',
    path: () => '/verify-email#token=not-a-real-token',
    as: 'anonymous',
    ready: (p) => p.getByRole('heading', { name: 'This link has expired or was already used' }).waitFor(),
  },
  {
    name: 'unsubscribe',
    path: () => '/unsubscribe#token=not-a-real-token',
    as: 'anonymous',
    ready: (p) => p.getByRole('heading', { name: 'Unsubscribe from these mails?' }).waitFor(),
  },
  {
    name: 'settings',
    path: () => '/settings',
    as: 'joiner',
    ready: (p) => p.getByRole('list', { name: 'Sessions' }).waitFor(),
  },
  {
    name: 'public-event',
    path: () => `/e/${eventId}`,
    as: 'anonymous',
    ready: (p) => p.getByRole('heading', { name: 'Accessibility meetup' }).waitFor(),
  },
  {
    name: 'dashboard-joiner',
    path: () => '/',
    as: 'joiner',
    ready: (p) => p.getByRole('link', { name: 'Accessibility meetup' }).first().waitFor(),
  },
  {
    name: 'dashboard-organizer',
    path: () => '/',
    as: 'organizer',
    ready: (p) => p.getByRole('link', { name: 'Accessibility meetup' }).first().waitFor(),
  },
  {
    name: 'event-joiner',
    path: () => `/events/${eventId}`,
    as: 'joiner',
    // On a phone the sticky bar's Join is there too, while the panel's is below the fold.
    ready: (p) => p.getByRole('button', { name: 'Join', exact: true }).first().waitFor(),
  },
  {
    name: 'event-organizer',
    path: () => `/events/${eventId}`,
    as: 'organizer',
    ready: (p) => p.getByRole('button', { name: 'Delete event' }).waitFor(),
  },
  {
    name: 'event-new',
    path: () => '/events/new',
    as: 'organizer',
    ready: (p) => p.getByRole('button', { name: 'Create event' }).waitFor(),
  },
  {
    name: 'event-edit',
    path: () => `/events/${eventId}/edit`,
    as: 'organizer',
    ready: (p) => p.getByRole('button', { name: 'Save changes' }).waitFor(),
  },
];

for (const colorScheme of ['light', 'dark'] as const) {
  describe(`${colorScheme} theme`, () => {
    for (const visit of visits) {
      it(`${visit.name} has no axe violations and fits a 360 px wide screen`, async () => {
        for (const viewport of [DESKTOP, PHONE]) {
          const storageState = visit.as === 'organizer' ? organizerState : visit.as === 'joiner' ? joinerState : undefined;
          const context = await browser().newContext({
            ...(storageState ? { storageState } : {}),
            baseURL: inject('baseURL'),
            viewport,
            colorScheme,
          });
          const page = await context.newPage();
          await page.goto(visit.path());
          await visit.ready(page);
          expect(await audit(page)).toEqual([]);
          await screenshot(page, `${visit.name}-${viewport === DESKTOP ? 'desktop' : 'phone'}-${colorScheme}`);
          if (viewport === PHONE) {
            // The narrowest phones we serve: everything fits without scrolling sideways.
            await page.setViewportSize(NARROW);
            expect(await horizontalOverflow(page)).toEqual([]);
          }
          await context.close();
        }
      });
    }
  });
}
