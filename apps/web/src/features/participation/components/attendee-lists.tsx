import type { Attendee } from '@turnout/contracts';
import { Avatar } from '../../../components/ui/avatar';
import { Skeleton } from '../../../components/ui/skeleton';
import { TimeAgo } from '../../../components/ui/time-ago';
import { errorMessage } from '../../../lib/api-client';
import { formatCount } from '../../../lib/format-number';
import { useAttendees } from '../api/get-attendees';
import styles from './attendee-lists.module.css';

function People({ title, people, empty }: { title: string; people: (Attendee & { position?: number })[]; empty: string }) {
  return (
    <section className={styles.section} aria-label={title}>
      <h3>
        {title} <span className={styles.muted}>({formatCount(people.length)})</span>
      </h3>
      {people.length === 0 ? (
        <p className={styles.muted}>{empty}</p>
      ) : (
        <ol className={styles.list}>
          {people.map((person) => (
            <li key={person.userId}>
              <span className={styles.person}>
                <Avatar name={person.name} url={person.avatarUrl} size="sm" decorative />
                <span>
                  {person.position ? `${formatCount(person.position)}. ` : ''}
                  {person.name}
                </span>
              </span>
              <TimeAgo iso={person.since} className={styles.muted} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The owner's live view of who is going and who waits, in waitlist order. */
export function AttendeeLists({ eventId }: { eventId: string }) {
  const attendees = useAttendees(eventId);
  if (attendees.isPending) {
    return (
      <div aria-busy="true">
        <p className="visually-hidden">Loading attendees…</p>
        <Skeleton height="5rem" />
      </div>
    );
  }
  if (attendees.isError) return <p role="alert">{errorMessage(attendees.error)}</p>;
  return (
    <div className={styles.grid}>
      <People title="Going" people={attendees.data.joined} empty="Nobody has joined yet." />
      <People title="Waitlist" people={attendees.data.waitlisted} empty="Nobody is waiting." />
    </div>
  );
}
