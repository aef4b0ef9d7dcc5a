import type { EventChange, MailTemplate } from '../mail-message';
import { eventFooter, eventSlots, eventTextFooter, placeOf, textWhenAndWhere, whenAndWhere } from './about-event';
import { formatEventSpan } from './format';
import { mailDocument } from './layout';
import { type TemplateSource, textMail } from './template-source';

type EventChanged = Extract<MailTemplate, { kind: 'event_changed' }>;

/** The order changes are named in, whatever order the edit gave them. */
const order: readonly EventChange[] = ['time', 'duration', 'place', 'link', 'title', 'description'];
const nameOf: Record<EventChange, string> = {
  time: 'time',
  duration: 'duration',
  place: 'place',
  link: 'join link',
  title: 'title',
  description: 'description',
};

const changesOf = ({ changes }: EventChanged) => order.filter((change) => changes.includes(change));

/** "new time", "new time and place", "new time, place and title". */
function whatIsNew(template: EventChanged): string {
  const names = changesOf(template).map((change) => nameOf[change]);
  const last = names.pop();
  if (last === undefined) return 'changed';
  return `changed: new ${names.length > 0 ? `${names.join(', ')} and ${last}` : last}`;
}

/** One line per change, saying what it was and what it is now. */
function changeLines(template: EventChanged): string[] {
  const { event, previous, readerTimeZone } = template;
  const changes = changesOf(template);
  const span = (e: typeof event) => formatEventSpan(e.startsAt, e.endsAt, e.timezone, readerTimeZone);
  const lines: string[] = [];
  // A new start and a new length both move the end: one line shows the old and new span.
  if (changes.includes('time') || changes.includes('duration')) lines.push(`Time: it was ${span(previous)}; it is now ${span(event)}.`);
  if (changes.includes('place')) lines.push(`Place: it was ${placeOf(previous)}; it is now ${placeOf(event)}.`);
  if (changes.includes('link'))
    lines.push(
      template.joinUrl
        ? 'Join link: the organizer changed it; the new one is below.'
        : 'Join link: the organizer changed it; the event’s page shows it to everyone with a seat.',
    );
  if (changes.includes('title')) lines.push(`Title: it was ${previous.title}; it is now ${event.title}.`);
  if (changes.includes('description')) lines.push('Description: the organizer rewrote it; the event’s page has the new one.');
  return lines;
}

const calendarNote = 'The invitation in this mail (invite.ics) updates the event in your calendar.';

export const eventChanged: TemplateSource<'event_changed'> = {
  kind: 'event_changed',
  mjml: mailDocument({
    preview: '{{title}} {{whatIsNew}}.',
    heading: '{{title}} {{whatIsNew}}',
    paragraphs: ['Hi {{name}},', 'The organizer changed {{title}}.', '{{changes}}', ...whenAndWhere],
    button: { label: 'Open the event', hrefSlot: 'eventUrl' },
    notes: [calendarNote],
    footer: eventFooter('event updates'),
  }),
  slots: (template) => ({ ...eventSlots(template), whatIsNew: whatIsNew(template), changes: changeLines(template) }),
  subject: (template) => `${template.event.title} ${whatIsNew(template)}`,
  text: (template) =>
    textMail(
      [
        `Hi ${template.name},`,
        `The organizer changed ${template.event.title}.`,
        changeLines(template).join('\n'),
        ...textWhenAndWhere(template),
        `Open the event: ${template.eventUrl}`,
        calendarNote,
      ],
      eventTextFooter(template, 'event updates'),
    ),
};
