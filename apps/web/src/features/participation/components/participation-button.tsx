import type { EventView } from '@turnout/contracts';
import { seatFor } from '@turnout/domain';
import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { useParticipation } from '../hooks/use-participation';

type ParticipationButtonProps = { event: EventView; size?: 'medium' | 'small'; block?: boolean };

/**
 * The one button that joins or leaves: Join, Join waitlist, Leave, or Leave waitlist for a viewer
 * who is waiting. It stays one element as it flips, so it keeps the focus of the press. A joined
 * viewer whose seat would go to the next person on the waitlist confirms first: joining again
 * would put them at the back of the line.
 */
export function ParticipationButton({ event, size, block }: ParticipationButtonProps) {
  const { busy, join, leave } = useParticipation(event);
  const [confirming, setConfirming] = useState(false);
  const mine = event.myParticipation;
  const handsOverSeat = mine?.status === 'joined' && event.waitlistCount > 0;
  let label = seatFor(event) === 'waitlisted' ? 'Join waitlist' : 'Join';
  if (mine) label = mine.status === 'waitlisted' ? 'Leave waitlist' : 'Leave';
  const press = () => {
    if (!mine) join();
    else if (handsOverSeat) setConfirming(true);
    else leave();
  };
  return (
    <>
      <Button variant={mine ? 'secondary' : 'primary'} size={size} block={block} busy={busy} onClick={press}>
        {label}
      </Button>
      {(handsOverSeat || confirming) && (
        <Dialog
          open={confirming}
          title={`Leave “${event.title}”?`}
          onClose={() => setConfirming(false)}
          actions={
            <>
              <Button onClick={() => setConfirming(false)} autoFocus>
                Stay
              </Button>
              <Button
                variant="danger"
                onClick={() => {
                  setConfirming(false);
                  leave();
                }}
              >
                Give up my seat
              </Button>
            </>
          }
        >
          Your seat will go to the next person on the waitlist. If you join again, you join the back of the waitlist.
        </Dialog>
      )}
    </>
  );
}
