import type { EventView, User } from '@turnout/contracts';
import { hasEnded } from '@turnout/domain';
import { useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { EventCover } from '../../components/event/event-cover';
import { EventFacts } from '../../components/event/event-facts';
import { ButtonLink } from '../../components/ui/button';
import { EmptyState } from '../../components/ui/empty-state';
import { Markdown } from '../../components/ui/markdown';
import { Skeleton } from '../../components/ui/skeleton';
import { UpdatesSection } from '../../features/announcements/components/updates-section';
import { useViewer } from '../../features/auth/api/get-me';
import { CoverEditor } from '../../features/event-images/components/cover-editor';
import { useEvent, useEventDeleted } from '../../features/events/api/get-event';
import { DeleteEventButton } from '../../features/events/components/delete-event-button';
import { AttendeeLists } from '../../features/participation/components/attendee-lists';
import { ParticipationPanel } from '../../features/participation/components/participation-panel';
import { WhoIsGoing } from '../../features/participation/components/who-is-going';
import { ViewersCount } from '../../features/presence/components/viewers-count';
import { errorMessage, isApiError } from '../../lib/api-client';
import { loadMarkdown } from '../../lib/markdown';
import { useDocumentTitle } from '../../lib/use-document-title';
import styles from './event-page.module.css';
import page from './page.module.css';
import { ShareActions } from './share-actions';

function Side({ event, viewer }: { event: EventView; viewer: User }) {
  const navigate = useNavigate();
  const owner = event.organizerId === viewer.id;
  const ended = hasEnded(event);
  return (
    <aside className={`${styles.card} ${styles.side} ${styles.areaSide}`} aria-label="Actions">
      {/* Anyone but the host may attend: organizers join each other's events too. */}
      {!owner && <ParticipationPanel event={event} />}
      {owner && (
        <div className={styles.row}>
          {!ended && <ButtonLink to={`/events/${event.id}/edit`}>Edit</ButtonLink>}
          <DeleteEventButton event={event} onDeleted={() => navigate('/', { replace: true })} />
        </div>
      )}
      <ShareActions event={event} />
      <ViewersCount eventId={event.id} />
    </aside>
  );
}

export function EventPage() {
  const { id = '' } = useParams();
  const viewer = useViewer();
  const event = useEvent(id);
  const deleted = useEventDeleted(id);
  useDocumentTitle(event.data?.title ?? 'Event');
  // The description's renderer loads while the event does, not after it.
  useEffect(() => {
    void loadMarkdown().catch(() => {});
  }, []);

  if (deleted) {
    return (
      <EmptyState title="This event was cancelled" headingLevel={1} action={<ButtonLink to="/">Browse events</ButtonLink>}>
        The organizer deleted it.
      </EmptyState>
    );
  }
  if (event.isError) {
    const title = isApiError(event.error, 404) ? 'Event not found' : 'Could not load the event';
    return (
      <EmptyState title={title} headingLevel={1} action={<ButtonLink to="/">Browse events</ButtonLink>}>
        {errorMessage(event.error)}
      </EmptyState>
    );
  }
  if (!event.data || !viewer) {
    return (
      <div className={styles.layout} aria-busy="true">
        <p className="visually-hidden">Loading the event…</p>
        <Skeleton height="20rem" />
        <Skeleton height="10rem" />
      </div>
    );
  }
  const data = event.data;
  const owner = data.organizerId === viewer.id;
  return (
    <>
      <Link to="/" className={page.back}>
        ← All events
      </Link>
      <div className={styles.layout}>
        <div className={`${styles.hero} ${styles.areaHero}`}>
          {owner && !hasEnded(data) ? <CoverEditor event={data} /> : data.cover && <EventCover cover={data.cover} />}
          <h1 className={page.title}>{data.title}</h1>
          <p className={styles.organizer}>Hosted by {owner ? 'you' : data.organizerName}</p>
        </div>
        <section className={`${styles.card} ${styles.areaDetails}`} aria-label="Details">
          <EventFacts event={data} online={{ url: data.onlineUrl, hasUrl: data.hasOnlineUrl }} />
          {data.description && <Markdown source={data.description} className={styles.description} />}
        </section>
        <Side event={data} viewer={viewer} />
        <UpdatesSection event={data} isOrganizer={owner} className={`${styles.card} ${styles.areaUpdates}`} />
        <section className={`${page.stack} ${styles.areaAttendees}`} aria-labelledby="attendees-title">
          <h2 id="attendees-title" className={styles.sectionTitle}>
            Who’s going
          </h2>
          <WhoIsGoing event={data} isOrganizer={owner} />
          {owner && <AttendeeLists eventId={data.id} />}
        </section>
      </div>
    </>
  );
}
