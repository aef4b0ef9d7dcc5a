import { inject } from 'vitest';
import type { SentMail } from './mail-sink';

/**
 * Waits for a mail to `to` whose subject matches, among those the run's SMTP sink took after
 * `since` of them (mails are only ever sent by the server's job queue, so they arrive a moment
 * after the request that caused them).
 */
export async function waitForMail(to: string, subject: RegExp, { since = 0, timeoutMs = 20_000 } = {}): Promise<SentMail> {
  const deadline = Date.now() + timeoutMs;
  const recipient = to.toLowerCase();
  while (Date.now() < deadline) {
    const mails = await mailsSent();
    const found = mails.slice(since).find((mail) => mail.to.includes(recipient) && subject.test(mail.subject));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no mail to ${to} matching ${subject} within ${timeoutMs} ms`);
}

/** Every mail the sink took so far, oldest first. */
export async function mailsSent(): Promise<SentMail[]> {
  const response = await fetch(`${inject('mailUrl')}/messages`);
  if (!response.ok) throw new Error(`mail sink answered ${response.status}`);
  return (await response.json()) as SentMail[];
}

/** The first link in a mail's text that starts with `prefix` (e.g. the app's `/reset-password#token=`). */
export function linkIn(mail: SentMail, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = mail.text.match(new RegExp(`${escaped}[^\\s>)\\]]+`));
  if (!match) throw new Error(`no link starting with ${prefix} in the mail "${mail.subject}":\n${mail.text}`);
  return match[0];
}
