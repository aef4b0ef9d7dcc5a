import { eventFooter, eventSlots, eventTextFooter, textWhenAndWhere, whenAndWhere } from './about-event';
import { formatLeadTime } from './format';
import { mailDocument } from './layout';
import { type TemplateSource, textMail } from './template-source';

export const eventReminder: TemplateSource<'event_reminder'> = {
  kind: 'event_reminder',
  mjml: mailDocument({
    preview: '{{title}} starts {{lead}}.',
    heading: '{{title}} starts {{lead}}',
    paragraphs: ['Hi {{name}},', 'A reminder: {{title}} starts {{lead}}.', ...whenAndWhere],
    button: { label: 'Open the event', hrefSlot: 'eventUrl' },
    notes: ['If you cannot make it, leave the event on its page: someone on the waitlist gets your seat.'],
    footer: eventFooter('reminders'),
  }),
  slots: (template) => ({ ...eventSlots(template), lead: formatLeadTime(template.minutesBefore) }),
  subject: ({ event, minutesBefore }) => `Reminder: ${event.title} starts ${formatLeadTime(minutesBefore)}`,
  text: (template) =>
    textMail(
      [
        `Hi ${template.name},`,
        `A reminder: ${template.event.title} starts ${formatLeadTime(template.minutesBefore)}.`,
        ...textWhenAndWhere(template),
        `Open the event: ${template.eventUrl}`,
        'If you cannot make it, leave the event on its page: someone on the waitlist gets your seat.',
      ],
      eventTextFooter(template, 'reminders'),
    ),
};
