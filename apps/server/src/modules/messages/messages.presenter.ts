import type { Announcement } from '@turnout/contracts';
import type { AnnouncementRow } from '../../db/schema';

export const presentAnnouncement = ({ announcement, authorName }: { announcement: AnnouncementRow; authorName: string }): Announcement => ({
  id: announcement.id,
  eventId: announcement.eventId,
  authorName,
  body: announcement.body,
  audience: announcement.audience,
  recipientCount: announcement.recipientCount,
  createdAt: announcement.createdAt.toISOString(),
});
