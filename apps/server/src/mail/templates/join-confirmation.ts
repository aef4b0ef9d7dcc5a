import type { MailTemplate } from '../mail-message';
import { eventFooter, eventSlots, eventTextFooter, textWhenAndWhere, whenAndWhere } from './about-event';
import { mailDocument } from './layout';
import { type TemplateSource, textMail } from './template-source';

type JoinConfirmation = Extract<MailTemplate, { kind: 'join_confirmation' }>;

const heading = ({ promoted, event }: JoinConfirmation) =>
  promoted ? `A seat opened up: you’re going to ${event.title}` : `You’re going to ${event.title}`;
const lead = ({ promoted, event }: JoinConfirmation) =>
  promoted
    ? `A seat opened up at ${event.title}, and you were first on the waitlist: the seat is yours.`
    : `You have a seat at ${event.title}.`;
const notes = [
  'The invitation in this mail (invite.ics) adds the event to your calendar.',
  'If you cannot make it, leave the event on its page: someone on the waitlist gets your seat.',
];

export const joinConfirmation: TemplateSource<'join_confirmation'> = {
  kind: 'join_confirmation',
  mjml: mailDocument({
    preview: '{{lead}}',
    heading: '{{heading}}',
    paragraphs: ['Hi {{name}},', '{{lead}}', ...whenAndWhere],
    button: { label: 'Open the event', hrefSlot: 'eventUrl' },
    notes,
    footer: eventFooter('event updates'),
  }),
  slots: (template) => ({ ...eventSlots(template), heading: heading(template), lead: lead(template) }),
  subject: heading,
  text: (template) =>
    textMail(
      [`Hi ${template.name},`, lead(template), ...textWhenAndWhere(template), `Open the event: ${template.eventUrl}`, ...notes],
      eventTextFooter(template, 'event updates'),
    ),
};
