import type { EventWhen } from '@turnout/contracts';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Segmented } from '../../components/ui/segmented';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import styles from './dashboard.module.css';

export type DashboardFilters = { q: string; when: Extract<EventWhen, 'upcoming' | 'past'>; joined: boolean };

/** The dashboard's filters live in the URL (?q=&when=past&show=mine): shareable, and Back works. */
export function useDashboardFilters(): [DashboardFilters, (next: Partial<DashboardFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters: DashboardFilters = {
    q: params.get('q') ?? '',
    when: params.get('when') === 'past' ? 'past' : 'upcoming',
    joined: params.get('show') === 'mine',
  };
  const update = (next: Partial<DashboardFilters>) => {
    const merged = { ...filters, ...next };
    const search = new URLSearchParams();
    if (merged.q) search.set('q', merged.q);
    if (merged.when === 'past') search.set('when', 'past');
    if (merged.joined) search.set('show', 'mine');
    // A filter changes the list, not the page: the reader keeps their place.
    setParams(search, { replace: true, preventScrollReset: true });
  };
  return [filters, update];
}

type ToolbarProps = { filters: DashboardFilters; onChange: (next: Partial<DashboardFilters>) => void; showJoined: boolean };

export function EventFilters({ filters, onChange, showJoined }: ToolbarProps) {
  const [q, setQ] = useState(filters.q);
  const settled = useDebouncedValue(q, 300);
  const latest = useRef({ onChange, pushed: settled });
  latest.current.onChange = onChange;
  useEffect(() => {
    // Only a change of the typed text updates the URL; other filter changes leave the search alone.
    if (settled === latest.current.pushed) return;
    latest.current.pushed = settled;
    latest.current.onChange({ q: settled });
  }, [settled]);

  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is too new for some browsers and for jsdom
    <div role="search" className={styles.toolbar}>
      <div className={styles.search}>
        <label htmlFor="event-search" className="visually-hidden">
          Search events
        </label>
        <input
          id="event-search"
          type="search"
          placeholder="Search by title or place"
          value={q}
          onChange={(event) => setQ(event.target.value)}
        />
      </div>
      {showJoined && (
        <Segmented
          legend="Show"
          value={filters.joined ? 'mine' : 'all'}
          options={[
            { value: 'all', label: 'All events' },
            { value: 'mine', label: 'My events' },
          ]}
          onChange={(value) => onChange({ joined: value === 'mine' })}
        />
      )}
      <Segmented
        legend="When"
        value={filters.when}
        options={[
          { value: 'upcoming', label: 'Upcoming' },
          { value: 'past', label: 'Past' },
        ]}
        onChange={(when) => onChange({ when })}
      />
    </div>
  );
}
