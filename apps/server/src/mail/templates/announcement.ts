import { eventFooter, eventSlots, eventTextFooter, linesOf, textWhenAndWhere, whenAndWhere } from './about-event';
import { mailDocument } from './layout';
import { type TemplateSource, textMail } from './template-source';

export const announcement: TemplateSource<'announcement'> = {
  kind: 'announcement',
  mjml: mailDocument({
    preview: '{{authorName}} wrote about {{title}}.',
    heading: '{{title}}: update from {{authorName}}',
    // The body is the organizer's plain text: escaped like every slot, its line breaks kept.
    paragraphs: ['Hi {{name}},', '{{authorName}}, who organizes {{title}}, wrote:', '{{body}}', ...whenAndWhere],
    button: { label: 'Open the event', hrefSlot: 'eventUrl' },
    notes: [],
    footer: eventFooter('announcements'),
  }),
  slots: (template) => ({ ...eventSlots(template), authorName: template.authorName, body: linesOf(template.body) }),
  subject: ({ event, authorName }) => `${event.title}: update from ${authorName}`,
  text: (template) =>
    textMail(
      [
        `Hi ${template.name},`,
        `${template.authorName}, who organizes ${template.event.title}, wrote:`,
        linesOf(template.body).join('\n'),
        ...textWhenAndWhere(template),
        `Open the event: ${template.eventUrl}`,
      ],
      eventTextFooter(template, 'announcements'),
    ),
};
