import { mailDocument } from './layout';
import { type TemplateSource, textMail } from './template-source';

export const passwordReset: TemplateSource<'password_reset'> = {
  kind: 'password_reset',
  mjml: mailDocument({
    preview: 'Choose a new password for your Turnout account.',
    heading: 'Reset your password',
    paragraphs: ['Hi {{name}},', 'Someone, hopefully you, asked to reset the password of your Turnout account.'],
    button: { label: 'Choose a new password', hrefSlot: 'link' },
    notes: ['The link works once, for {{minutes}} minutes. If you did not ask for it, ignore this mail: your password stays as it is.'],
  }),
  slots: ({ name, link, expiresMinutes }) => ({ name, link, minutes: String(expiresMinutes) }),
  subject: () => 'Reset your Turnout password',
  text: ({ name, link, expiresMinutes }) =>
    textMail([
      `Hi ${name},`,
      'Someone, hopefully you, asked to reset the password of your Turnout account. To choose a new one, open this link:',
      link,
      `The link works once, for ${expiresMinutes} minutes. If you did not ask for it, ignore this mail: your password stays as it is.`,
    ]),
};
