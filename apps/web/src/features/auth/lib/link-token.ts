/**
 * The token of a link from a mail (`/reset-password#token=…`). It travels in the fragment, so it
 * reaches neither the server's logs nor a Referer header; once read it leaves the address bar too.
 */
export function readLinkToken(hash = window.location.hash): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token?.trim() ? token.trim() : null;
}

/** Drops the fragment from the address bar and the history entry, keeping the router's state. */
export function forgetLinkToken(): void {
  if (!window.location.hash) return;
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
}
