import type { Page } from 'playwright-core';

export type Audience = 'Everyone' | 'Joined' | 'Waitlist';

/** The event page's "Updates" section: the organizer's announcements, and their form to post one. */
export const updatesSection = (page: Page) => page.getByRole('region', { name: 'Updates' });

/** Posts an announcement from the organizer's event page and waits until it is sent. */
export async function postAnnouncement(page: Page, body: string, audience: Audience = 'Everyone'): Promise<void> {
  const form = page.getByRole('form', { name: 'Post an update' });
  await form.getByLabel('Message', { exact: true }).fill(body);
  await form.getByRole('radio', { name: audience, exact: true }).check();
  await form.getByRole('button', { name: 'Post', exact: true }).click();
  await form.getByText(/^Posted\. Sent to /).waitFor();
}
