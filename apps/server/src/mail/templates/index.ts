import type { MailKind, MailTemplate, RenderedMail } from '../mail-message';
import { announcement } from './announcement';
import { emailChanged } from './email-changed';
import { eventCancelled } from './event-cancelled';
import { eventChanged } from './event-changed';
import { eventReminder } from './event-reminder';
import { escapeHtml } from './format';
import { joinConfirmation } from './join-confirmation';
import { inlineLinkStyle } from './layout';
import { organizerDigest } from './organizer-digest';
import { passwordChanged } from './password-changed';
import { passwordReset } from './password-reset';
import type { SlotLine, SlotValue, TemplateOf, TemplateSource } from './template-source';
import { twoFactorChanged } from './two-factor-changed';
import { verifyEmail } from './verify-email';

const sources: { [K in MailKind]: TemplateSource<K> } = {
  verify_email: verifyEmail,
  password_reset: passwordReset,
  password_changed: passwordChanged,
  email_changed: emailChanged,
  two_factor_changed: twoFactorChanged,
  event_reminder: eventReminder,
  announcement,
  event_changed: eventChanged,
  event_cancelled: eventCancelled,
  join_confirmation: joinConfirmation,
  organizer_digest: organizerDigest,
};

export const mailKinds = Object.keys(sources) as MailKind[];

export interface MailTemplates {
  renderMail(template: MailTemplate): RenderedMail;
}

const slotPattern = /\{\{([a-zA-Z]+)\}\}/g;

const line = (value: SlotLine) =>
  typeof value === 'string'
    ? escapeHtml(value)
    : `<a href="${escapeHtml(value.href)}" style="${inlineLinkStyle}">${escapeHtml(value.text)}</a>`;

/**
 * Fills a compiled document's slots, every value HTML-escaped; a slot without a value is a bug.
 * The lines of a multi-line value are escaped one by one and joined with <br />, so what people
 * wrote keeps its line breaks and never adds markup of its own.
 */
function fill(html: string, values: Record<string, SlotValue>, kind: MailKind): string {
  return html.replace(slotPattern, (_, slot: string) => {
    const value = values[slot];
    if (value === undefined) throw new Error(`mail template ${kind}: no value for {{${slot}}}`);
    return typeof value === 'string' ? escapeHtml(value) : value.map(line).join('<br />');
  });
}

/** What leaves with the mail besides its parts: the one-click unsubscribe URL and the calendar document. */
function sentAlong(template: MailTemplate): Pick<RenderedMail, 'listUnsubscribe' | 'calendar'> {
  return {
    ...('unsubscribe' in template ? { listUnsubscribe: template.unsubscribe.oneClickUrl } : {}),
    ...('calendar' in template ? { calendar: template.calendar } : {}),
  };
}

function render<K extends MailKind>(template: TemplateOf<K>, compiled: ReadonlyMap<MailKind, string>): RenderedMail {
  const kind: K = template.kind;
  const source: TemplateSource<K> = sources[kind];
  const html = compiled.get(kind);
  if (html === undefined) throw new Error(`mail template ${kind} is not compiled`);
  return {
    subject: source.subject(template),
    text: source.text(template),
    html: fill(html, source.slots(template), kind),
    ...sentAlong(template),
  };
}

async function compile(): Promise<MailTemplates> {
  // MJML takes about a second to load: only a process that sends mail pays for it, once.
  const { default: mjml2html } = await import('mjml');
  const compiled = new Map<MailKind, string>();
  for (const kind of mailKinds) {
    const { html, errors } = await mjml2html(sources[kind].mjml, { validationLevel: 'strict', keepComments: false, fonts: {} });
    if (errors.length > 0) throw new Error(`mail template ${kind}: ${errors.map((e) => e.formattedMessage).join('; ')}`);
    compiled.set(kind, html);
  }
  return {
    renderMail: (template) => render(template, compiled),
  };
}

let templates: Promise<MailTemplates> | undefined;

/** The compiled templates: compiled on the first call, shared by every later one in the process. */
export function loadMailTemplates(): Promise<MailTemplates> {
  templates ??= compile().catch((error: unknown) => {
    templates = undefined;
    throw error;
  });
  return templates;
}
