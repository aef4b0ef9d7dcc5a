import type { EventWhen, Role } from '@turnout/contracts';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Segmented } from '../../components/ui/segmented';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import styles from './dashboard.module.css';

/** Which events the list holds: the viewer's own (hosting), the ones they joined or wait for, or all. */
export type DashboardShow = 'hosting' | 'joined' | 'all';
export type DashboardFilters = { q: string; when: Extract<EventWhen, 'upcoming' | 'past'>; show: DashboardShow };

/** Each role's choices, its default first; the default stays out of the URL. */
const SHOW_OPTIONS: Record<Role, readonly { value: DashboardShow; label: string; param: string }[]> = {
  organizer: [
    { value: 'hosting', label: 'Hosting', param: '' },
    { value: 'joined', label: 'Going', param: 'going' },
    { value: 'all', label: 'All events', param: 'all' },
  ],
  joiner: [
    { value: 'all', label: 'All events', param: '' },
    { value: 'joined', label: 'My events', param: 'mine' },
  ],
};

function showFromParam(role: Role, param: string | null): DashboardShow {
  const options = SHOW_OPTIONS[role];
  return (options.find((option) => option.param && option.param === param) ?? options[0])?.value ?? 'all';
}

/**
 * The dashboard's filters live in the URL (?q=&when=past&show=mine for a joiner, show=going or
 * show=all for an organizer): shareable, and Back works.
 */
export function useDashboardFilters(role: Role): [DashboardFilters, (next: Partial<DashboardFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters: DashboardFilters = {
    q: params.get('q') ?? '',
    when: params.get('when') === 'past' ? 'past' : 'upcoming',
    show: showFromParam(role, params.get('show')),
  };
  const update = (next: Partial<DashboardFilters>) => {
    const merged = { ...filters, ...next };
    const search = new URLSearchParams();
    if (merged.q) search.set('q', merged.q);
    if (merged.when === 'past') search.set('when', 'past');
    const show = SHOW_OPTIONS[role].find((option) => option.value === merged.show)?.param;
    if (show) search.set('show', show);
    // A filter changes the list, not the page: the reader keeps their place.
    setParams(search, { replace: true, preventScrollReset: true });
  };
  return [filters, update];
}

type ToolbarProps = { filters: DashboardFilters; onChange: (next: Partial<DashboardFilters>) => void; role: Role };

export function EventFilters({ filters, onChange, role }: ToolbarProps) {
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
      <Segmented legend="Show" value={filters.show} options={SHOW_OPTIONS[role]} onChange={(show) => onChange({ show })} />
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
