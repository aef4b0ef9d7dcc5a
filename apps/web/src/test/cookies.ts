// jsdom has no Cookie Store API: tests write document.cookie, as the server's Set-Cookie would.

/** The cookie the server sets beside the session cookie at login (SIGNED_IN_COOKIE). */
export function setSignedInHint(): void {
  // biome-ignore lint/suspicious/noDocumentCookie: jsdom has no Cookie Store API
  document.cookie = 'turnout_signed_in=1; path=/';
}

/** Drops every cookie of the page, between tests. */
export function clearCookies(): void {
  for (const pair of document.cookie.split(';')) {
    const name = pair.split('=')[0]?.trim();
    // biome-ignore lint/suspicious/noDocumentCookie: jsdom has no Cookie Store API
    if (name) document.cookie = `${name}=; max-age=0; path=/`;
  }
}
