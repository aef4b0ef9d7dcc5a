/**
 * The toasts on screen: a small store any part of the app may add to (`showToast`) and the
 * Toaster component shows (components/ui/toaster.tsx).
 */
export type Toast = { id: number; title: string; body?: string | undefined; tone?: 'info' | 'error' };

const VISIBLE_MS = 6000;
const MAX_TOASTS = 4;
let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

export function dismissToast(id: number): void {
  toasts = toasts.filter((t) => t.id !== id);
  notify();
}

/** Takes every toast off the screen: what the last session was told is not the next one's (logout, login). */
export function clearToasts(): void {
  if (toasts.length === 0) return;
  toasts = [];
  notify();
}

/** Shows a short message in the page's live region; it leaves by itself after a few seconds. */
export function showToast(toast: Omit<Toast, 'id'>): number {
  const id = nextId++;
  toasts = [...toasts, { ...toast, id }].slice(-MAX_TOASTS);
  notify();
  setTimeout(() => dismissToast(id), VISIBLE_MS);
  return id;
}

/** Calls `listener` whenever the toasts shown change. */
export const subscribeToToasts = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The toasts shown now, oldest first. */
export const toastsNow = (): readonly Toast[] => toasts;
