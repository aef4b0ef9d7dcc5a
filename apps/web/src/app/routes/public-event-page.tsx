import { useEffect } from 'react';
import { useParams } from 'react-router';
import { CalendarLinks } from '../../components/event/calendar-links';
import { EventCover } from '../../components/event/event-cover';
import { EventFacts } from '../../components/event/event-facts';
import { ButtonLink } from '../../components/ui/button';
import { EmptyState } from '../../components/ui/empty-state';
import { Markdown } from '../../components/ui/markdown';
import { Skeleton } from '../../components/ui/skeleton';
import { useViewer } from '../../features/auth/api/get-me';
import { usePublicEvent } from '../../features/public-events/api/get-public-event';
import { errorMessage, isApiError } from '../../lib/api-client';
import { loadMarkdown } from '../../lib/markdown';
import { useDocumentTitle } from '../../lib/use-document-title';
import styles from './event-page.module.css';
import page from './page.module.css';

/** A shared link: the event's public facts, readable without an account. */
export function PublicEventPage() {
  const { id = '' } = useParams();
  const viewer = useViewer();
  const event = usePublicEvent(id);
  useDocumentTitle(event.data?.title ?? 'Event');
  useEffect(() => {
    void loadMarkdown().catch(() => {});
  }, []);

  if (event.isError) {
    const title = isApiError(event.error, 404) ? 'Event not found' : 'Could not load the event';
    return (
      <EmptyState title={title} headingLevel={1}>
        {isApiError(event.error, 404) ? 'It may have been cancelled, or the link is wrong.' : errorMessage(event.error)}
      </EmptyState>
    );
  }
  if (!event.data) {
    return (
      <div className={page.narrow} aria-busy="true">
        <p className="visually-hidden">Loading the event…</p>
        <Skeleton height="20rem" />
      </div>
    );
  }
  const data = event.data;
  const next = encodeURIComponent(`/events/${data.id}`);
  return (
    <div className={`${page.narrow} ${page.stack}`}>
      <div className={styles.hero}>
        {data.cover && <EventCover cover={data.cover} />}
        <h1 className={page.title}>{data.title}</h1>
        <p className={styles.organizer}>Hosted by {data.organizerName}</p>
      </div>
      <section className={styles.card} aria-label="Details">
        <EventFacts event={data} />
        {data.description && <Markdown source={data.description} className={styles.description} />}
        <div className={styles.row}>
          {viewer ? (
            <ButtonLink to={`/events/${data.id}`} variant="primary">
              Open in Turnout
            </ButtonLink>
          ) : (
            <>
              <ButtonLink to={`/login?next=${next}`} variant="primary">
                Log in to join
              </ButtonLink>
              <ButtonLink to={`/register?next=${next}`} variant="ghost">
                Sign up
              </ButtonLink>
            </>
          )}
        </div>
        <CalendarLinks event={data} icsHref={`/api/public/events/${data.id}/calendar.ics`} />
      </section>
    </div>
  );
}
