import type { User } from '@turnout/contracts';
import { ButtonLink } from '../../components/ui/button';
import { EmptyState } from '../../components/ui/empty-state';
import { PlusIcon } from '../../components/ui/icons';
import { useViewer } from '../../features/auth/api/get-me';
import { CalendarFeedPanel } from '../../features/calendar/components/calendar-feed-panel';
import { EventList } from '../../features/events/components/event-list';
import { OwnerActions } from '../../features/events/components/owner-actions';
import { ParticipationActions } from '../../features/participation/components/participation-actions';
import { useDocumentTitle } from '../../lib/use-document-title';
import styles from './dashboard.module.css';
import { type DashboardFilters, EventFilters, useDashboardFilters } from './event-filters';
import page from './page.module.css';

function emptyFor(viewer: User, filters: DashboardFilters, onReset: () => void) {
  if (filters.q) {
    return <EmptyState title={`No events match “${filters.q}”`}>Try another word, or clear the search.</EmptyState>;
  }
  if (viewer.role === 'organizer') {
    return filters.when === 'past' ? (
      <EmptyState title="No past events">Events you ran will be listed here.</EmptyState>
    ) : (
      <EmptyState
        title="No upcoming events"
        action={
          <ButtonLink to="/events/new" variant="secondary">
            Create your first event
          </ButtonLink>
        }
      >
        Publish an event and watch people join it live.
      </EmptyState>
    );
  }
  if (filters.joined) {
    return (
      <EmptyState title={filters.when === 'past' ? 'No past events joined' : 'You have not joined anything yet'}>
        <button type="button" className="link-button" onClick={onReset}>
          Browse all events
        </button>{' '}
        and join one: it shows up here.
      </EmptyState>
    );
  }
  return filters.when === 'past' ? (
    <EmptyState title="No past events">Events that have ended are listed here.</EmptyState>
  ) : (
    <EmptyState title="No upcoming events yet">When an organizer publishes one, it appears here at once.</EmptyState>
  );
}

export function DashboardPage() {
  const viewer = useViewer();
  const [filters, setFilters] = useDashboardFilters();
  const organizer = viewer?.role === 'organizer';
  useDocumentTitle(organizer ? 'Your events' : 'Events');
  if (!viewer) return null;

  return (
    <>
      <div className={page.header}>
        <div>
          <h1 className={page.title}>{organizer ? 'Your events' : 'Events'}</h1>
          <p className={page.lead}>{organizer ? 'Live counts of who is coming.' : 'Find something to do and join in one click.'}</p>
        </div>
        {organizer && (
          <ButtonLink to="/events/new" variant="primary">
            <PlusIcon />
            New event
          </ButtonLink>
        )}
      </div>
      {/* Above the list, not below it: a list of unknown length pushes down whatever follows it when it loads. */}
      <div className={styles.feed}>
        <CalendarFeedPanel />
      </div>
      <EventFilters filters={filters} onChange={setFilters} showJoined={!organizer} />
      <EventList
        filters={{ q: filters.q, when: filters.when, mine: organizer, joined: !organizer && filters.joined }}
        label={organizer ? 'Your events' : filters.joined ? 'My events' : 'Events'}
        renderActions={(event) =>
          organizer ? <OwnerActions event={event} /> : viewer.role === 'joiner' && <ParticipationActions event={event} size="small" />
        }
        empty={emptyFor(viewer, filters, () => setFilters({ joined: false }))}
      />
    </>
  );
}
