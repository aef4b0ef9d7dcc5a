import type { User } from '@turnout/contracts';
import { Button, ButtonLink } from '../../components/ui/button';
import { EmptyState } from '../../components/ui/empty-state';
import { PlusIcon } from '../../components/ui/icons';
import { useViewer } from '../../features/auth/api/get-me';
import { CalendarFeedPanel } from '../../features/calendar/components/calendar-feed-panel';
import { EventList } from '../../features/events/components/event-list';
import { OwnerActions } from '../../features/events/components/owner-actions';
import { ParticipationActions } from '../../features/participation/components/participation-actions';
import { useDocumentTitle } from '../../lib/use-document-title';
import styles from './dashboard.module.css';
import { type DashboardFilters, type DashboardShow, EventFilters, useDashboardFilters } from './event-filters';
import page from './page.module.css';

function emptyFor(viewer: User, filters: DashboardFilters, onShowAll: () => void) {
  if (filters.q) {
    return <EmptyState title={`No events match “${filters.q}”`}>Try another word, or clear the search.</EmptyState>;
  }
  if (filters.show === 'hosting') {
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
  if (filters.show === 'joined' && viewer.role === 'organizer') {
    return (
      <EmptyState
        title={filters.when === 'past' ? 'No past events joined' : 'You haven’t joined any events yet'}
        action={<Button onClick={onShowAll}>Show all events</Button>}
      >
        Events you join or wait for show up here.
      </EmptyState>
    );
  }
  if (filters.show === 'joined') {
    return (
      <EmptyState title={filters.when === 'past' ? 'No past events joined' : 'You have not joined anything yet'}>
        <button type="button" className="link-button" onClick={onShowAll}>
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

/** The page's heading, the list's name and the line under the heading, for each choice of Show. */
function wordsFor(organizer: boolean, show: DashboardShow) {
  if (show === 'hosting') return { title: 'Your events', list: 'Your events', lead: 'Live counts of who is coming.' };
  if (organizer && show === 'joined') {
    return { title: 'Events you’re going to', list: 'Events you’re going to', lead: 'Your seats and waitlist places, live.' };
  }
  const list = show === 'joined' ? 'My events' : 'Events';
  return { title: 'Events', list, lead: 'Find something to do and join in one click.' };
}

export function DashboardPage() {
  const viewer = useViewer();
  const organizer = viewer?.role === 'organizer';
  const [filters, setFilters] = useDashboardFilters(viewer?.role ?? 'joiner');
  const words = wordsFor(organizer, filters.show);
  useDocumentTitle(words.title);
  if (!viewer) return null;

  return (
    <>
      <div className={page.header}>
        <div>
          <h1 className={page.title}>{words.title}</h1>
          <p className={page.lead}>{words.lead}</p>
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
      <EventFilters filters={filters} onChange={setFilters} role={viewer.role} />
      <EventList
        filters={{ q: filters.q, when: filters.when, mine: filters.show === 'hosting', joined: filters.show === 'joined' }}
        label={words.list}
        // The host manages an event; anyone else (organizers too) may attend it.
        renderActions={(event) =>
          event.organizerId === viewer.id ? <OwnerActions event={event} /> : <ParticipationActions event={event} size="small" />
        }
        empty={emptyFor(viewer, filters, () => setFilters({ show: 'all' }))}
      />
    </>
  );
}
