import type { Page } from 'playwright-core';

/** An image file as the browser's file picker would hand it over. */
export type ImageFile = { name: string; mimeType: string; buffer: Buffer };

/** The event's cover image (decorative, so found by its box rather than a role). */
export const coverImage = (page: Page) => page.locator('[data-cover] img').first();

/**
 * Chooses `file` with the picker named `chooseLabel` ("Add cover", "Add photo"), moves and zooms
 * the crop with the keyboard, and saves it with `saveLabel` (after `beforeSave`, to look at the crop step).
 */
export async function cropAndSave(
  page: Page,
  chooseLabel: string,
  saveLabel: string,
  file: ImageFile,
  beforeSave?: () => Promise<void>,
): Promise<void> {
  await page.getByLabel(chooseLabel, { exact: true }).setInputFiles(file);
  const frame = page.getByRole('group', { name: 'Crop frame' });
  await frame.waitFor();
  const zoom = page.getByRole('slider', { name: 'Zoom' });
  await zoom.focus();
  for (let i = 0; i < 4; i++) await zoom.press('ArrowRight');
  await frame.focus();
  await frame.press('ArrowLeft');
  const save = page.getByRole('button', { name: saveLabel });
  // Save waits for the cropper to have measured the image and reported its first crop.
  await page.waitForFunction((name) => {
    const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent === name);
    return button !== undefined && !button.hasAttribute('aria-disabled');
  }, saveLabel);
  await beforeSave?.();
  await save.click();
}
