import type { DigestEvent, MailTemplate } from '../mail-message';
import { formatDay } from './format';
import { mailDocument } from './layout';
import { type SlotLine, type TemplateSource, textMail } from './template-source';

type OrganizerDigest = Extract<MailTemplate, { kind: 'organizer_digest' }>;

const totals = ({ events }: OrganizerDigest) => ({
  joins: events.reduce((sum, e) => sum + e.joins, 0),
  leaves: events.reduce((sum, e) => sum + e.leaves, 0),
});

const people = (count: number) => `${count} ${count === 1 ? 'person' : 'people'}`;

function summary(template: OrganizerDigest): string {
  const { joins, leaves } = totals(template);
  return `On ${formatDay(template.day)}, ${people(joins)} joined your events and ${people(leaves)} left.`;
}

/** "4 joined, 1 left · 30 of 40 seats taken, 2 on the waitlist". */
function standing({ joins, leaves, joinedCount, capacity, waitlistCount }: DigestEvent): string {
  const seats = capacity === null ? `${joinedCount} going` : `${joinedCount} of ${capacity} seats taken`;
  const waiting = waitlistCount > 0 ? `, ${waitlistCount} on the waitlist` : '';
  return `${joins} joined, ${leaves} left · ${seats}${waiting}`;
}

/** Each event: its title linking to its page, then its numbers; a blank line between events. */
const eventLines = ({ events }: OrganizerDigest): SlotLine[] =>
  events.flatMap((event, i) => [...(i > 0 ? [''] : []), { text: event.title, href: event.url }, standing(event)]);

const footer = {
  reason: 'You get this mail because you turned on the daily digest of your events on Turnout.',
  label: 'Unsubscribe from the daily digest',
};

export const organizerDigest: TemplateSource<'organizer_digest'> = {
  kind: 'organizer_digest',
  mjml: mailDocument({
    preview: '{{summary}}',
    heading: 'Your events on {{day}}',
    paragraphs: ['Hi {{name}},', '{{summary}}', '{{events}}'],
    notes: [],
    footer: { reason: footer.reason, unsubscribe: { label: footer.label, hrefSlot: 'unsubscribeUrl' } },
  }),
  slots: (template) => ({
    name: template.name,
    day: formatDay(template.day),
    summary: summary(template),
    events: eventLines(template),
    unsubscribeUrl: template.unsubscribe.pageUrl,
  }),
  subject: (template) => {
    const { joins, leaves } = totals(template);
    return `Your events yesterday: ${joins} joined, ${leaves} left`;
  },
  text: (template) =>
    textMail(
      [`Hi ${template.name},`, summary(template), ...template.events.map((event) => `${event.title}\n${standing(event)}\n${event.url}`)],
      { reason: footer.reason, unsubscribe: { label: footer.label, url: template.unsubscribe.pageUrl } },
    ),
};
