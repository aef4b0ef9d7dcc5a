import type { EventView } from '@turnout/contracts';
import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { errorMessage } from '../../../lib/api-client';
import { showToast } from '../../../lib/toasts';
import { useDeleteEvent } from '../api/delete-event';

/** "Delete event", confirmed in a dialog whose confirm button has the same name. */
export function DeleteEventButton({ event, onDeleted, size }: { event: EventView; onDeleted?: () => void; size?: 'medium' | 'small' }) {
  const [open, setOpen] = useState(false);
  const remove = useDeleteEvent();
  const people = event.joinedCount + event.waitlistCount;
  return (
    <>
      <Button variant="quietDanger" size={size} onClick={() => setOpen(true)}>
        Delete event
      </Button>
      <Dialog
        open={open}
        title={`Delete “${event.title}”?`}
        onClose={() => setOpen(false)}
        actions={
          <>
            <Button onClick={() => setOpen(false)} autoFocus>
              Cancel
            </Button>
            <Button
              variant="danger"
              busy={remove.isPending}
              onClick={async () => {
                // The card or page holding this button unmounts once the event leaves the cache,
                // so the follow-up runs on the promise rather than on the observer's callbacks.
                try {
                  await remove.mutateAsync(event.id);
                } catch (error) {
                  showToast({ tone: 'error', title: 'Could not delete the event', body: errorMessage(error) });
                  return;
                }
                setOpen(false);
                showToast({ title: 'Event deleted', body: event.title });
                onDeleted?.();
              }}
            >
              Delete event
            </Button>
          </>
        }
      >
        {people > 0
          ? `${people === 1 ? 'The 1 person' : `All ${people} people`} joined or waiting will be told it was cancelled. This cannot be undone.`
          : 'This cannot be undone.'}
      </Dialog>
    </>
  );
}
