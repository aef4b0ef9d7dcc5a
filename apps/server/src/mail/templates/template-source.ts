import type { MailKind, MailTemplate } from '../mail-message';

export type TemplateOf<K extends MailKind> = Extract<MailTemplate, { kind: K }>;

/**
 * One kind of mail: its MJML (compiled once, `{{slot}}` where values go), the values of those
 * slots (raw: escaped when filled in), its subject and its plain-text part.
 */
export interface TemplateSource<K extends MailKind> {
  kind: K;
  mjml: string;
  slots(template: TemplateOf<K>): Record<string, string>;
  subject(template: TemplateOf<K>): string;
  text(template: TemplateOf<K>): string;
}

/** The plain-text part: paragraphs apart, a signature, and the same footer as the HTML. */
export const textMail = (...paragraphs: string[]): string =>
  `${[...paragraphs, '— Turnout', 'You get this mail because of your Turnout account. Turnout never asks for your password by mail.'].join('\n\n')}\n`;
