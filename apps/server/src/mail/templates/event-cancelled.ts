import { eventFooter, eventSlots, eventTextFooter, eventWhen, placeOf } from './about-event';
import { mailDocument } from './layout';
import { type TemplateSource, textMail } from './template-source';

const calendarNote = 'The cancellation in this mail (cancel.ics) takes the event off your calendar.';

export const eventCancelled: TemplateSource<'event_cancelled'> = {
  kind: 'event_cancelled',
  mjml: mailDocument({
    preview: 'The organizer cancelled {{title}}.',
    heading: '{{title}} is cancelled',
    paragraphs: ['Hi {{name}},', 'The organizer cancelled {{title}}.', 'It was to be: {{when}}', 'At: {{where}}'],
    // The event's page is gone with it: the button leads to the dashboard.
    button: { label: 'Open your dashboard', hrefSlot: 'eventUrl' },
    notes: [calendarNote],
    footer: eventFooter('event updates'),
  }),
  slots: eventSlots,
  subject: ({ event }) => `${event.title} is cancelled`,
  text: (template) =>
    textMail(
      [
        `Hi ${template.name},`,
        `The organizer cancelled ${template.event.title}.`,
        `It was to be: ${eventWhen(template)}`,
        `At: ${placeOf(template.event)}`,
        `Open your dashboard: ${template.eventUrl}`,
        calendarNote,
      ],
      eventTextFooter(template, 'event updates'),
    ),
};
