import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** The narrowest phones we serve. */
export const NARROW = { width: 360, height: 740 };

/** axe's WCAG 2.1 A/AA and best-practice rules: one line per violation, empty when there is none. */
export async function audit(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Elements whose right edge passes the viewport's, with the page's own scroll width. */
export function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !el.closest('.visually-hidden'))
      .map((el) => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}`);
    return document.documentElement.scrollWidth > width ? [`page scrolls to ${document.documentElement.scrollWidth} px`, ...wide] : [];
  });
}
