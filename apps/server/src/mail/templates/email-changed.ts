import { formatUtc } from './format';
import { mailDocument } from './layout';
import { type TemplateSource, textMail } from './template-source';

const notYou =
  'If this was not you, someone has your password: choose a new one with “Forgot your password?” on the sign-in page, and check the sessions under Account.';

export const emailChanged: TemplateSource<'email_changed'> = {
  kind: 'email_changed',
  mjml: mailDocument({
    preview: 'The email address of your Turnout account was changed.',
    heading: 'Your email address was changed',
    paragraphs: [
      'Hi {{name}},',
      'On {{at}} the email address of your Turnout account was changed to {{newEmail}}. Mail from Turnout goes there from now on, once it is confirmed.',
    ],
    notes: [notYou],
  }),
  slots: ({ name, newEmail, at }) => ({ name, newEmail, at: formatUtc(at) }),
  subject: () => 'Your Turnout email address was changed',
  text: ({ name, newEmail, at }) =>
    textMail([
      `Hi ${name},`,
      `On ${formatUtc(at)} the email address of your Turnout account was changed to ${newEmail}. Mail from Turnout goes there from now on, once it is confirmed.`,
      notYou,
    ]),
};
