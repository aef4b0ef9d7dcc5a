import type { Locator, Page } from 'playwright-core';

/**
 * Presses Tab (Shift+Tab with `backwards`) until `target` has focus, the way a keyboard user
 * reaches a control. Fails when the control is not in the tab order within `limit` presses, or
 * when it has focus but nothing shows it (no outline and no box shadow).
 */
export async function tabTo(page: Page, target: Locator, { backwards = false, limit = 60 } = {}): Promise<void> {
  const element = target.first();
  await element.waitFor();
  for (let press = 0; press < limit; press++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if (await hasFocus(element)) {
      const shown = await element.evaluate((el) => {
        const style = getComputedStyle(el);
        return (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
      });
      if (!shown) throw new Error(`${element} has keyboard focus but no visible focus indicator`);
      return;
    }
  }
  throw new Error(`${element} was not reached with ${limit} presses of ${backwards ? 'Shift+Tab' : 'Tab'}`);
}

export const hasFocus = (element: Locator): Promise<boolean> => element.evaluate((el) => el === document.activeElement);

/**
 * Types a `YYYY-MM-DDTHH:mm` wall time into a focused `datetime-local` input segment by segment,
 * as Chromium lays it out for the en-US locale: month, day, year, hour, minute, AM/PM.
 */
export async function typeWallTime(page: Page, wallTime: string): Promise<void> {
  const [date, time] = wallTime.split('T') as [string, string];
  const [year, month, day] = date.split('-');
  const [hour24, minute] = time.split(':').map(Number) as [number, number];
  const hour12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
  const pad = (n: number) => String(n).padStart(2, '0');
  for (const segment of [month, day, year, pad(hour12), pad(minute)]) {
    await page.keyboard.type(segment as string);
    if (segment === year) await page.keyboard.press('ArrowRight');
  }
  await page.keyboard.type(hour24 < 12 ? 'A' : 'P');
}
