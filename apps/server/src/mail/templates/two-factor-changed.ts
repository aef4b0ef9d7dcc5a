import type { MailTemplate } from '../mail-message';
import { formatUtc } from './format';
import { mailDocument } from './layout';
import { type TemplateSource, textMail } from './template-source';

type TwoFactorChanged = Extract<MailTemplate, { kind: 'two_factor_changed' }>;

const heading = ({ enabled }: TwoFactorChanged) => (enabled ? 'Two-factor sign-in is on' : 'Two-factor sign-in was turned off');
const change = ({ enabled, at }: TwoFactorChanged) =>
  enabled
    ? `Two-factor sign-in was turned on for your Turnout account on ${formatUtc(at)}. Signing in now takes a code from your authenticator app, or one of your recovery codes: keep them somewhere safe.`
    : `Two-factor sign-in was turned off for your Turnout account on ${formatUtc(at)}. Signing in now takes your password only.`;
const notYou = ({ enabled }: TwoFactorChanged) =>
  enabled
    ? 'If this was not you, someone has your password: choose a new one with “Forgot your password?” on the sign-in page.'
    : 'If this was not you, someone has your password: choose a new one with “Forgot your password?” on the sign-in page, then turn two-factor sign-in on again under Account.';

export const twoFactorChanged: TemplateSource<'two_factor_changed'> = {
  kind: 'two_factor_changed',
  mjml: mailDocument({
    preview: '{{heading}} for your Turnout account.',
    heading: '{{heading}}',
    paragraphs: ['Hi {{name}},', '{{change}}'],
    notes: ['{{notYou}}'],
  }),
  slots: (template) => ({ name: template.name, heading: heading(template), change: change(template), notYou: notYou(template) }),
  subject: (template) => `${heading(template)} for your Turnout account`,
  text: (template) => textMail([`Hi ${template.name},`, change(template), notYou(template)]),
};
