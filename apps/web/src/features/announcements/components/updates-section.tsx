import type { EventView } from '@turnout/contracts';
import { useId } from 'react';
import { Skeleton } from '../../../components/ui/skeleton';
import { errorMessage, isApiError } from '../../../lib/api-client';
import { useAnnouncements } from '../api/get-announcements';
import { AnnouncementComposer } from './announcement-composer';
import { AnnouncementList } from './announcement-list';
import styles from './updates.module.css';

type UpdatesSectionProps = { event: EventView; isOrganizer: boolean; className?: string };

/**
 * "Updates" on the event page: the organizer's announcements, for the organizer (with the form to
 * post one) and for the people joined or waiting. Anyone else sees nothing, and neither does a
 * reader the server refuses (403) or an event it no longer knows (404).
 */
export function UpdatesSection({ event, isOrganizer, className }: UpdatesSectionProps) {
  const mayRead = isOrganizer || event.myParticipation !== null;
  const announcements = useAnnouncements(event.id, mayRead);
  const headingId = useId();
  if (!mayRead || isApiError(announcements.error, 403) || isApiError(announcements.error, 404)) return null;

  const items = announcements.data?.items ?? [];
  return (
    <section className={`${styles.section} ${className ?? ''}`} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        Updates
      </h2>
      {isOrganizer && <AnnouncementComposer event={event} />}
      {announcements.isPending ? (
        <div aria-busy="true">
          <p className="visually-hidden">Loading updates…</p>
          <Skeleton height="4rem" />
        </div>
      ) : announcements.isError ? (
        <p role="alert">{errorMessage(announcements.error)}</p>
      ) : items.length === 0 ? (
        <p className={styles.muted}>
          {isOrganizer
            ? 'No updates yet. What you post reaches the people on this event at once, and by mail.'
            : 'No updates from the organizer yet.'}
        </p>
      ) : (
        <AnnouncementList items={items} showAudience={isOrganizer} />
      )}
    </section>
  );
}
