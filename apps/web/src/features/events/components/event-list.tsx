import type { EventView } from '@turnout/contracts';
import { memo, type ReactNode, useDeferredValue, useMemo } from 'react';
import { Button } from '../../../components/ui/button';
import { Skeleton } from '../../../components/ui/skeleton';
import { errorMessage } from '../../../lib/api-client';
import type { EventListFilters } from '../../../lib/query-keys';
import { useEvents } from '../api/get-events';
import { EventCard } from './event-card';
import styles from './event-list.module.css';

type EventListProps = {
  filters: EventListFilters;
  label: string;
  renderActions?: (event: EventView) => ReactNode;
  empty: ReactNode;
};

function LoadingList() {
  return (
    <div aria-busy="true">
      <p className="visually-hidden">Loading events…</p>
      <ul className={styles.list} aria-hidden="true">
        {[0, 1, 2].map((i) => (
          <li key={i} className={styles.skeletonCard}>
            <Skeleton width="3.5rem" height="3.75rem" />
            <span className={styles.skeletonLines}>
              <Skeleton width="60%" height="1.1rem" />
              <Skeleton width="40%" />
              <Skeleton width="30%" />
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

type EventItemsProps = { items: EventView[]; label: string; renderActions: EventListProps['renderActions'] };

/** The cards, rendered again only when the items change (not on every render of the list). */
const EventItems = memo(function EventItems({ items, label, renderActions }: EventItemsProps) {
  return (
    <ul className={styles.list} aria-label={label}>
      {items.map((event) => (
        <li key={event.id}>
          <EventCard event={event} actions={renderActions?.(event)} />
        </li>
      ))}
    </ul>
  );
});

/** A paged list of events; sockets keep its items and counts current in place. */
export function EventList({ filters, label, renderActions, empty }: EventListProps) {
  const events = useEvents(filters);
  // A page of cards is more than a frame's work: React renders it in the background, in slices
  // that leave the page responsive, while the previous state stays on screen.
  const data = useDeferredValue(events.data);
  const items = useMemo(() => data?.pages.flatMap((page) => page.items), [data]);
  if (events.isError) {
    return (
      <div role="alert" className={styles.error}>
        <span>{errorMessage(events.error)}</span>
        <Button size="small" onClick={() => void events.refetch()}>
          Try again
        </Button>
      </div>
    );
  }
  if (!items) return <LoadingList />;
  if (items.length === 0) return empty;
  return (
    <>
      <EventItems items={items} label={label} renderActions={renderActions} />
      {events.hasNextPage && (
        <div className={styles.more}>
          <Button onClick={() => void events.fetchNextPage()} busy={events.isFetchingNextPage} aria-busy={events.isFetchingNextPage}>
            Load more
          </Button>
        </div>
      )}
    </>
  );
}
