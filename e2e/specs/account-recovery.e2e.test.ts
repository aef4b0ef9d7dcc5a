import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { askForPasswordReset, chooseNewPassword, openSettings, turnOnTwoFactor } from '../pages/account-pages';
import { emailFor, enterLoginCode, logOut, register, submitLogin } from '../pages/auth-pages';
import { audit, horizontalOverflow, NARROW } from '../support/a11y';
import { newContext, screenshotsDir, uniqueSuffix, useBrowser } from '../support/browser';
import { linkIn, mailsSent, waitForMail } from '../support/mail';
import { totpCode } from '../support/totp';

const browser = useBrowser();
const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'a brand new staple';

const region = (page: Page, name: string | RegExp) => page.getByRole('region', { name });

describe('account recovery', () => {
  it('registers with an address, confirms it from the mail, turns on two-factor, resets a forgotten password from the mail and logs in with a code', async () => {
    const baseURL = inject('baseURL');
    const name = `recover_${uniqueSuffix()}`;
    const email = emailFor(name);
    const { context, page, errors } = await newContext(browser());

    await register(page, name, 'Joiner', PASSWORD, email);
    await region(page, 'Your email address').getByText(`Confirm your email: we sent a link to ${email}.`).waitFor();

    const verification = await waitForMail(email, /^Confirm your email address/);
    expect(verification.from).toContain('turnout@e2e.test');
    await page.goto(linkIn(verification, `${baseURL}/verify-email#token=`));
    await page.getByRole('heading', { name: 'Your address is confirmed' }).waitFor();
    expect(new URL(page.url()).hash).toBe('');

    await openSettings(page);
    await region(page, 'Email').getByText('Verified', { exact: true }).waitFor();
    const { secret, recoveryCodes } = await turnOnTwoFactor(page, (key) => totpCode(key).code);
    const enabledAtStep = totpCode(secret).step;
    expect(recoveryCodes).toHaveLength(10);
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await region(page, 'Two-factor sign-in On').waitFor();
    await waitForMail(email, /two-factor/i);

    await logOut(page);
    const before = (await mailsSent()).length;
    await askForPasswordReset(page, email);
    const reset = await waitForMail(email, /^Reset your Turnout password/, { since: before });
    const resetLink = linkIn(reset, `${baseURL}/reset-password#token=`);
    await page.goto(resetLink);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    expect(new URL(page.url()).hash).toBe('');
    await chooseNewPassword(page, NEW_PASSWORD);
    await page.getByText('Your password was changed and every device was signed out.', { exact: false }).waitFor();
    await waitForMail(email, /^Your Turnout password was changed/, { since: before });

    // The link works once.
    await page.goto(resetLink);
    await chooseNewPassword(page, 'yet another long one');
    await page.getByRole('heading', { name: 'This link has expired or was already used' }).waitFor();

    await submitLogin(page, name, NEW_PASSWORD);
    await page.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor();
    // The enabling code's step is used: the login takes the next one.
    await enterLoginCode(page, totpCode(secret, enabledAtStep + 1).code);
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('takes a recovery code instead of the authenticator code, once', async () => {
    const name = `recovery_${uniqueSuffix()}`;
    const { context, page } = await newContext(browser());
    await register(page, name, 'Organizer');
    await openSettings(page);
    const { recoveryCodes } = await turnOnTwoFactor(page, (key) => totpCode(key).code);
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await logOut(page);

    const code = recoveryCodes[0] as string;
    await submitLogin(page, name);
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await page.getByLabel('Recovery code', { exact: true }).fill(code);
    await page.getByRole('button', { name: 'Verify and log in' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await logOut(page);

    await submitLogin(page, name);
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await page.getByLabel('Recovery code', { exact: true }).fill(code);
    await page.getByRole('button', { name: 'Verify and log in' }).click();
    await page.getByText('That code is not right').waitFor();
    await context.close();
  });
});

// At the narrowest phone width served; docs/screenshots holds copies from a run.
describe('screenshots for the docs (360 px)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`settings, two-factor setup, the login's code step and the reset page in the ${colorScheme} theme`, async () => {
      const name = `shots_${colorScheme}_${uniqueSuffix()}`;
      const { context, page } = await newContext(browser(), { viewport: NARROW, colorScheme });
      await register(page, name, 'Joiner');
      const capture = async (shot: string) => {
        expect(await audit(page)).toEqual([]);
        expect(await horizontalOverflow(page)).toEqual([]);
        // From the top: a full-page capture draws the sticky header where the page is scrolled to.
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: join(screenshotsDir, `${shot}-narrow-${colorScheme}.png`), fullPage: true });
      };
      await openSettings(page);
      await turnOnTwoFactor(
        page,
        (key) => totpCode(key).code,
        (step) => capture(`two-factor-${step}`),
      );
      await page.getByRole('button', { name: 'I have saved them' }).click();
      await region(page, 'Two-factor sign-in On').waitFor();
      const shots: [string, () => Promise<unknown>][] = [
        ['settings', () => page.getByRole('list', { name: 'Sessions' }).waitFor()],
        [
          'login-code',
          async () => {
            await logOut(page);
            await submitLogin(page, name);
            await page.getByLabel('Authentication code', { exact: true }).waitFor();
          },
        ],
        [
          'reset-password',
          async () => {
            await page.goto('/reset-password#token=not-a-real-token');
            await page.getByRole('button', { name: 'Set the new password' }).waitFor();
          },
        ],
      ];
      for (const [shot, show] of shots) {
        await show();
        await capture(shot);
      }
      await context.close();
    });
  }
});
