/** Escapes text for HTML content and quoted attribute values alike. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const utc = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'long', timeStyle: 'short' });

/** An instant as a reader sees it in a mail, in UTC and saying so: "2 December 2026 at 13:07 UTC". */
export const formatUtc = (at: Date): string => `${utc.format(at)} UTC`;
