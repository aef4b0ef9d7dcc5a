import { formatUtc } from './format';
import { mailDocument } from './layout';
import { type TemplateSource, textMail } from './template-source';

const notYou =
  'If this was not you, someone knows your password: choose a new one with “Forgot your password?” on the sign-in page, and turn on two-factor sign-in under Account.';

export const passwordChanged: TemplateSource<'password_changed'> = {
  kind: 'password_changed',
  mjml: mailDocument({
    preview: 'The password of your Turnout account was changed.',
    heading: 'Your password was changed',
    paragraphs: ['Hi {{name}},', 'The password of your Turnout account was changed on {{at}}. Every other session was signed out.'],
    notes: [notYou],
  }),
  slots: ({ name, at }) => ({ name, at: formatUtc(at) }),
  subject: () => 'Your Turnout password was changed',
  text: ({ name, at }) =>
    textMail([
      `Hi ${name},`,
      `The password of your Turnout account was changed on ${formatUtc(at)}. Every other session was signed out.`,
      notYou,
    ]),
};
