import { describePlace } from '@turnout/domain';
import type { AboutEvent, MailEvent } from '../mail-message';
import { formatEventSpan } from './format';
import type { MailLayout } from './layout';
import type { SlotLine, TextFooter } from './template-source';

/** What each kind of mail about an event lets the reader turn off, as its unsubscribe link names it. */
export type MailTopicLabel = 'reminders' | 'announcements' | 'event updates';

const reason = (title: string) => `You get this mail because you joined ${title} on Turnout.`;

/** The footer of an event mail's HTML: why it came, and the link that stops this kind of mail. */
export const eventFooter = (topic: MailTopicLabel): NonNullable<MailLayout['footer']> => ({
  reason: reason('{{title}}'),
  unsubscribe: { label: `Unsubscribe from ${topic}`, hrefSlot: 'unsubscribeUrl' },
});

/** The same footer in the text part. */
export const eventTextFooter = ({ event, unsubscribe }: AboutEvent, topic: MailTopicLabel): TextFooter => ({
  reason: reason(event.title),
  unsubscribe: { label: `Unsubscribe from ${topic}`, url: unsubscribe.pageUrl },
});

/** When the event is, in its zone and the reader's. */
export const eventWhen = ({ event, readerTimeZone }: AboutEvent): string =>
  formatEventSpan(event.startsAt, event.endsAt, event.timezone, readerTimeZone);

/** The place in words: a venue's location, "Place to be announced", or an online event's label or "Online". */
export const placeOf = (event: MailEvent): string => describePlace(event);

/** Where, in HTML: the place, and below it the join link for someone who may join online. */
const whereLines = ({ event, joinUrl }: AboutEvent): SlotLine[] =>
  joinUrl ? [placeOf(event), { text: joinUrl, href: joinUrl }] : [placeOf(event)];

/** The slots every event mail fills: who it greets, the event, when, where, and both links. */
export const eventSlots = (template: AboutEvent) => ({
  name: template.name,
  title: template.event.title,
  when: eventWhen(template),
  where: whereLines(template),
  eventUrl: template.eventUrl,
  unsubscribeUrl: template.unsubscribe.pageUrl,
});

/** The paragraphs of HTML saying when and where, with the slots of eventSlots. */
export const whenAndWhere = ['When: {{when}}', 'Where: {{where}}'];

/** The same in the text part. */
export const textWhenAndWhere = (template: AboutEvent): string[] => [
  `When: ${eventWhen(template)}`,
  template.joinUrl ? `Where: ${placeOf(template.event)}\nJoin online: ${template.joinUrl}` : `Where: ${placeOf(template.event)}`,
];

/** Text as lines, whichever line breaks it was written with. */
export const linesOf = (text: string): string[] => text.split(/\r\n|\r|\n/);
