import { useEffect } from 'react';

/** Names the page for the tab and for screen readers announcing the navigation. */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} · Turnout`;
  }, [title]);
}
