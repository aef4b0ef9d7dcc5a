import { useCallback, useEffect, useRef, useState } from 'react';

/** The wait before the next look at the server: doubling from 1 s, at most 30 s. */
export const recoveryDelayMs = (attempt: number) => Math.min(1000 * 2 ** attempt, 30_000);

/** Whether the server answers again: its readiness (ops/health.routes.ts), which the edge proxies too. */
async function serverAnswers(): Promise<boolean> {
  try {
    return (await fetch('/readyz', { cache: 'no-store' })).ok;
  } catch {
    return false;
  }
}

/**
 * While mounted, looks whether the server answers again, with a growing wait between two looks
 * and at once when the browser comes back online, and calls `recover` each time it does (the
 * page that failed then loads again; while it still fails, the looks go on, further apart).
 * `retryNow` looks at once, for a Retry button; `checking` is true while it does.
 */
export function useServerRecovery(recover: () => void) {
  const recoverRef = useRef(recover);
  useEffect(() => {
    recoverRef.current = recover;
  });
  const [checking, setChecking] = useState(false);
  const [stillDown, setStillDown] = useState(false);
  const checkRef = useRef<(manual: boolean) => Promise<void>>(async () => {});

  useEffect(() => {
    let attempt = 0;
    let looks = 0;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async (manual: boolean) => {
      const look = ++looks;
      clearTimeout(timer);
      if (manual) setChecking(true);
      const up = await serverAnswers();
      if (stopped) return;
      if (manual) {
        setChecking(false);
        setStillDown(!up);
      }
      // A look started meanwhile (Retry, back online) decides and schedules the next one.
      if (look !== looks) return;
      if (up) recoverRef.current();
      timer = setTimeout(() => void check(false), recoveryDelayMs(++attempt));
    };
    checkRef.current = check;
    const online = () => void check(false);
    timer = setTimeout(online, recoveryDelayMs(attempt));
    window.addEventListener('online', online);
    return () => {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener('online', online);
    };
  }, []);

  const retryNow = useCallback(() => void checkRef.current(true), []);
  return { retryNow, checking, stillDown };
}
