import { mailDocument } from './layout';
import { type TemplateSource, textMail } from './template-source';

export const verifyEmail: TemplateSource<'verify_email'> = {
  kind: 'verify_email',
  mjml: mailDocument({
    preview: 'Confirm this address to get mail from Turnout.',
    heading: 'Confirm your email address',
    paragraphs: ['Hi {{name}},', 'Confirm this address to get mail from Turnout: password resets, reminders and announcements.'],
    button: { label: 'Confirm email address', hrefSlot: 'link' },
    notes: ['The link works once, for {{hours}} hours. If you did not add this address to a Turnout account, ignore this mail.'],
  }),
  slots: ({ name, link, expiresHours }) => ({ name, link, hours: String(expiresHours) }),
  subject: () => 'Confirm your email address for Turnout',
  text: ({ name, link, expiresHours }) =>
    textMail([
      `Hi ${name},`,
      'Confirm this address to get mail from Turnout: password resets, reminders and announcements. Open this link:',
      link,
      `The link works once, for ${expiresHours} hours. If you did not add this address to a Turnout account, ignore this mail.`,
    ]),
};
