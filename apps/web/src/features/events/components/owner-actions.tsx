import type { EventView } from '@turnout/contracts';
import { freeSeats, hasEnded } from '@turnout/domain';
import { ButtonLink } from '../../../components/ui/button';
import { Pill } from '../../../components/ui/pill';
import { DeleteEventButton } from './delete-event-button';

/** What an organizer can do with their own event from a list. */
export function OwnerActions({ event }: { event: EventView }) {
  const ended = hasEnded(event);
  const full = freeSeats(event) === 0;
  return (
    <>
      {ended ? <Pill>Ended</Pill> : full && <Pill tone="accent">Full</Pill>}
      {!ended && (
        <ButtonLink size="small" to={`/events/${event.id}/edit`}>
          Edit
        </ButtonLink>
      )}
      <DeleteEventButton event={event} size="small" />
    </>
  );
}
