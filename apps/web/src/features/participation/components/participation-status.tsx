import type { EventView } from '@turnout/contracts';
import { freeSeats, hasEnded } from '@turnout/domain';
import { Pill } from '../../../components/ui/pill';
import { formatCount } from '../../../lib/format-number';

/** The one pill that says where the viewer stands: Joined, Waitlist #3, Full or Ended. */
export function ParticipationStatus({ event }: { event: EventView }) {
  const mine = event.myParticipation;
  if (mine?.status === 'joined') return <Pill tone="success">Joined</Pill>;
  if (mine?.status === 'waitlisted')
    return <Pill tone="warning">{mine.position ? `Waitlist #${formatCount(mine.position)}` : 'Waitlisted'}</Pill>;
  if (hasEnded(event)) return <Pill>Ended</Pill>;
  if (freeSeats(event) === 0) return <Pill>Full</Pill>;
  return null;
}
