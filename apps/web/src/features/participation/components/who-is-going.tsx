import type { Attendee, EventView } from '@turnout/contracts';
import { useId, useState } from 'react';
import { countsText } from '../../../components/event/event-facts';
import { Avatar } from '../../../components/ui/avatar';
import { Skeleton } from '../../../components/ui/skeleton';
import { errorMessage, isApiError } from '../../../lib/api-client';
import { formatCount, formatPeople } from '../../../lib/format-number';
import { useLiveAttendees } from '../hooks/use-live-attendees';
import styles from './who-is-going.module.css';

/** Faces in the compact stack; the rest are "+N more". */
export const STACK_SIZE = 5;

export const PRIVATE_LIST = 'The organizer keeps the guest list private';

/** "ana is going", "ana and ben are going", "ana, ben and 3 others are going". */
export function namesText(people: readonly Pick<Attendee, 'name'>[]): string {
  const [first, second] = people;
  if (!first) return '';
  if (!second) return `${first.name} is going`;
  const others = people.length - 2;
  if (others === 0) return `${first.name} and ${second.name} are going`;
  return `${first.name}, ${second.name} and ${formatCount(others)} ${others === 1 ? 'other' : 'others'} are going`;
}

function Stack({ people }: { people: Attendee[] }) {
  const shown = people.slice(0, STACK_SIZE);
  const more = people.length - shown.length;
  return (
    <div className={styles.summary}>
      <ul className={styles.stack} aria-label={`${formatPeople(people.length)} going`}>
        {shown.map((person) => (
          <li key={person.userId}>
            <Avatar name={person.name} url={person.avatarUrl} size="md" className={styles.face} />
          </li>
        ))}
      </ul>
      <span className={styles.names}>{namesText(people)}</span>
      {more > 0 && <span className={styles.more}>+{formatCount(more)} more</span>}
    </div>
  );
}

function FullList({ people }: { people: Attendee[] }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  return (
    <>
      <button type="button" className="link-button" aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}>
        {open ? 'Hide the list' : `See everyone (${formatCount(people.length)})`}
      </button>
      <ul id={listId} className={styles.list} hidden={!open}>
        {people.map((person) => (
          <li key={person.userId}>
            <Avatar name={person.name} url={person.avatarUrl} size="sm" decorative />
            <span>{person.name}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

type WhoIsGoingProps = {
  event: EventView;
  /** The organizer always sees who is going; their full lists (with the waitlist) are beside this. */
  isOrganizer: boolean;
};

/**
 * Who is going, for logged-in viewers (docs/product.md §11): faces and names of the joined
 * attendees, kept current while the page is open; or, when the organizer hides the list, a word
 * saying so (the counts are in the event's facts).
 */
export function WhoIsGoing({ event, isOrganizer }: WhoIsGoingProps) {
  const visible = event.attendeesVisible || isOrganizer;
  const attendees = useLiveAttendees(event, { enabled: visible });
  // Hidden, or hidden since the page was loaded (the server refuses the list then).
  if (!visible || isApiError(attendees.error, 403)) {
    return (
      <div className={styles.who}>
        <p>{countsText(event)}</p>
        <p className={styles.muted}>{PRIVATE_LIST}.</p>
      </div>
    );
  }
  if (attendees.isPending) {
    return (
      <div aria-busy="true">
        <p className="visually-hidden">Loading who is going…</p>
        <Skeleton height="2.25rem" />
      </div>
    );
  }
  if (attendees.isError) return <p role="alert">{errorMessage(attendees.error)}</p>;
  const people = attendees.data.joined;
  const privateNote = isOrganizer && !event.attendeesVisible && (
    <p className={styles.muted}>Only you see who is going: you keep the guest list private.</p>
  );
  // The organizer's own lists below say when nobody has joined.
  if (people.length === 0) return isOrganizer ? privateNote || null : <p className={styles.muted}>Nobody has joined yet.</p>;
  return (
    <div className={styles.who}>
      <Stack people={people} />
      {!isOrganizer && <FullList people={people} />}
      {privateNote}
    </div>
  );
}
