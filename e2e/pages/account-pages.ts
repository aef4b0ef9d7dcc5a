import type { Page } from 'playwright-core';

/** Opens the settings from the header, as a person would. */
export async function openSettings(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
}

/**
 * Turns two-factor sign-in on from the settings page: reads the setup key the page shows, asks
 * `codeFor` for a code of it, and returns the key and the recovery codes.
 */
export async function turnOnTwoFactor(
  page: Page,
  codeFor: (secret: string) => string,
  /** Called when each step is on screen (the QR code, then the recovery codes). */
  onStep: (step: 'setup' | 'recovery-codes') => Promise<unknown> = async () => undefined,
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const section = page.getByRole('region', { name: /^Two-factor sign-in/ });
  await section.getByRole('button', { name: 'Turn on' }).click();
  await section.getByRole('img', { name: /QR code/ }).waitFor();
  await onStep('setup');
  const secret = ((await section.locator('dd code').textContent()) ?? '').replace(/\s+/g, '');
  await section.getByLabel('Code from the app', { exact: true }).fill(codeFor(secret));
  await section.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  const list = section.getByRole('list', { name: 'Recovery codes' });
  await list.waitFor();
  await onStep('recovery-codes');
  const recoveryCodes = await list.getByRole('listitem').allInnerTexts();
  return { secret, recoveryCodes };
}

/** Asks for a password-reset link on the forgot-password page. */
export async function askForPasswordReset(page: Page, email: string): Promise<void> {
  await page.goto('/forgot-password');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
}

/** Sets a new password on the page a reset link opened. */
export async function chooseNewPassword(page: Page, password: string): Promise<void> {
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Repeat the new password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Set the new password' }).click();
}
