import type { NoticeChanges } from '@turnout/contracts';
import { formatDuration, formatShort, zoneAbbreviation } from '../../../lib/format-date';

/** "Sun, Dec 8 · 1:00 PM EST": the date format of the event cards, in the reader's zone. */
const at = (iso: string, zone: string) => `${formatShort(iso, zone)} ${zoneAbbreviation(iso, zone)}`;

/** One sentence per change, as the reader's app words it: "Time moved to Sun, Dec 8 · 1:00 PM EST." */
export function changeSentences(changes: NoticeChanges, zone: string): string[] {
  const sentences: string[] = [];
  if (changes.startsAt) {
    const length = changes.durationMinutes ? `, for ${formatDuration(changes.durationMinutes)}` : '';
    sentences.push(`Time moved to ${at(changes.startsAt, zone)}${length}.`);
  } else if (changes.durationMinutes && changes.endsAt) {
    sentences.push(`Now ${formatDuration(changes.durationMinutes)} long, ending ${at(changes.endsAt, zone)}.`);
  }
  if (changes.locationType === 'online') sentences.push(changes.location ? `Now online: ${changes.location}.` : 'Now online.');
  else if (changes.locationType === 'venue')
    sentences.push(changes.location ? `Now in person, at ${changes.location}.` : 'Now in person; the place is to be announced.');
  else if (changes.location !== undefined)
    sentences.push(changes.location ? `Location changed to ${changes.location}.` : 'The location is now to be announced.');
  if (changes.joinLinkChanged) sentences.push('The join link changed.');
  if (changes.previousTitle !== undefined) sentences.push(`Title changed from “${changes.previousTitle}”.`);
  return sentences;
}

/** "Pub quiz: Time moved to … Location changed to …". */
export const eventChangeText = (changes: NoticeChanges, zone: string): string =>
  `${changes.eventTitle}: ${changeSentences(changes, zone).join(' ')}`;
