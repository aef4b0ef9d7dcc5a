import { useEffect, useState } from 'react';

/**
 * Whether an element is wholly on screen below the sticky header (`topInsetPx`), as the browser's
 * IntersectionObserver sees it. True until the browser has said otherwise, and where it cannot
 * tell (jsdom): what depends on it (a duplicate of an action kept in reach) then stays away.
 * Returns the callback ref for the element.
 */
export function useOnScreen<T extends Element>(topInsetPx = 0): [(element: T | null) => void, boolean] {
  const [element, setElement] = useState<T | null>(null);
  const [onScreen, setOnScreen] = useState(true);
  useEffect(() => {
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        const entry = entries.at(-1);
        // Ratios are floats: "wholly" allows for a rounding error.
        if (entry) setOnScreen(entry.isIntersecting && entry.intersectionRatio > 0.99);
      },
      { rootMargin: `-${topInsetPx}px 0px 0px 0px`, threshold: [0, 0.5, 1] },
    );
    observer.observe(element);
    return () => {
      observer.disconnect();
      setOnScreen(true);
    };
  }, [element, topInsetPx]);
  return [setElement, onScreen];
}
