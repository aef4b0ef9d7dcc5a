import type { Session } from '@turnout/contracts';
import { useId, useRef } from 'react';
import { Button } from '../../../components/ui/button';
import { Pill } from '../../../components/ui/pill';
import { Skeleton } from '../../../components/ui/skeleton';
import { TimeAgo } from '../../../components/ui/time-ago';
import { errorMessage } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format-date';
import { showToast } from '../../../lib/toasts';
import { useSessions } from '../api/get-sessions';
import { useRevokeSession } from '../api/revoke-session';
import { describeDevice } from '../lib/describe-device';
import styles from './settings.module.css';

/** This device first, then the most recently active. */
const byRelevance = (a: Session, b: Session) =>
  Number(b.current) - Number(a.current) || Date.parse(b.lastSeenAt) - Date.parse(a.lastSeenAt);

function SessionItem({ session, onSignedOut }: { session: Session; onSignedOut: () => void }) {
  const revoke = useRevokeSession();
  const deviceId = useId();
  const device = describeDevice(session.userAgent);
  return (
    <li className={styles.session}>
      <div className={styles.sessionFacts}>
        <span id={deviceId} className={styles.device}>
          {device}
          {session.current && <Pill tone="accent">This device</Pill>}
        </span>
        <span className={styles.muted}>
          Last active <TimeAgo iso={session.lastSeenAt} />
          {' · '}signed in <time dateTime={session.createdAt}>{formatDateTime(session.createdAt)}</time>
        </span>
      </div>
      <Button
        size="small"
        variant="quietDanger"
        aria-describedby={deviceId}
        busy={revoke.isPending}
        onClick={() =>
          revoke.mutate(session, {
            onSuccess: () => {
              showToast({ title: session.current ? 'Signed out' : `Signed out ${device}` });
              if (!session.current) onSignedOut();
            },
            onError: (error) => showToast({ tone: 'error', title: 'Could not sign out that session', body: errorMessage(error) }),
          })
        }
      >
        Sign out
      </Button>
    </li>
  );
}

/** Every device signed in to the account, each of which can be signed out from here. */
export function SessionsSettings() {
  const sessions = useSessions();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  return (
    <section className={styles.section} aria-labelledby={headingId} aria-busy={sessions.isPending || undefined}>
      <h2 ref={heading} id={headingId} tabIndex={-1} className={styles.heading}>
        Sessions
      </h2>
      <p className={styles.muted}>Where your account is signed in. Sign out any device you do not recognise, then change your password.</p>
      {sessions.isPending && <Skeleton height="4rem" />}
      {sessions.isError && <p role="alert">{errorMessage(sessions.error)}</p>}
      {sessions.data && (
        <ul className={styles.sessions} aria-labelledby={headingId}>
          {[...sessions.data].sort(byRelevance).map((session) => (
            <SessionItem key={session.id} session={session} onSignedOut={() => heading.current?.focus()} />
          ))}
        </ul>
      )}
    </section>
  );
}
