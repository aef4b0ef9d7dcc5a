import { useSyncExternalStore } from 'react';
import { formatAgo, formatDateTime } from '../../lib/format-date';

/** Every TimeAgo on the page re-renders on one shared tick while any is shown, so "just now" grows old. */
const TICK_MS = 30_000;
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(() => {
    for (const l of listeners) l();
  }, TICK_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
/** The current tick: the same value for TICK_MS, so React renders again only when it moves on. */
const currentTick = () => Math.floor(Date.now() / TICK_MS);

/** "just now", "5 minutes ago", with the exact date and time as the element's title and machine-readable value. */
export function TimeAgo({ iso, className }: { iso: string; className?: string }) {
  useSyncExternalStore(subscribe, currentTick, currentTick);
  return (
    <time dateTime={iso} title={formatDateTime(iso)} className={className}>
      {formatAgo(iso)}
    </time>
  );
}
