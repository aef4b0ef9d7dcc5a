import type { MailKind, MailTemplate } from '../mail-message';

export type TemplateOf<K extends MailKind> = Extract<MailTemplate, { kind: K }>;

/** A line of a multi-line slot: text, or text linking to `href`. */
export type SlotLine = string | { text: string; href: string };

/**
 * A slot's value, raw: text, or lines (what an organizer wrote over several lines, a list of
 * events). Each piece is HTML-escaped when filled in; only the line breaks between them are markup.
 */
export type SlotValue = string | readonly SlotLine[];

/**
 * One kind of mail: its MJML (compiled once, `{{slot}}` where values go), the values of those
 * slots (raw: escaped when filled in), its subject and its plain-text part.
 */
export interface TemplateSource<K extends MailKind> {
  kind: K;
  mjml: string;
  slots(template: TemplateOf<K>): Record<string, SlotValue>;
  subject(template: TemplateOf<K>): string;
  text(template: TemplateOf<K>): string;
}

/**
 * Why the reader gets a mail about an event, and the link that stops that kind of mail; account
 * mails go without one and end with the account footer instead.
 */
export interface TextFooter {
  reason: string;
  unsubscribe: { label: string; url: string };
}

export const accountFooter = 'You get this mail because of your Turnout account. Turnout never asks for your password by mail.';

/** The plain-text part: paragraphs apart, a signature, and the same footer as the HTML. */
export const textMail = (paragraphs: readonly string[], footer?: TextFooter): string =>
  `${[...paragraphs, '— Turnout', footer ? `${footer.reason}\n${footer.unsubscribe.label}: ${footer.unsubscribe.url}` : accountFooter].join('\n\n')}\n`;
