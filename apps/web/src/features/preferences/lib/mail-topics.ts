import type { MailTopic } from '@turnout/contracts';

/** Each kind of mail as a sentence names it: "You will no longer get reminder mails." */
export const MAIL_TOPIC_NAMES: Record<MailTopic, string> = {
  reminders: 'reminder',
  announcements: 'announcement',
  changes: 'event update',
  digest: 'daily digest',
};

/** The settings' switches, in the order shown; the digest is for organizers only. */
export const MAIL_TOPIC_LABELS: Record<MailTopic, string> = {
  reminders: 'Reminders before events I joined',
  announcements: 'Announcements from organizers',
  changes: 'Event updates: confirmations, changes and cancellations',
  digest: 'Daily digest of joins and leaves (organizers)',
};
