import type { EventView } from '@turnout/contracts';
import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { errorMessage } from '../../../lib/api-client';
import { formatPeople } from '../../../lib/format-number';
import { showToast } from '../../../lib/toasts';
import { useDeleteEvent } from '../api/delete-event';
import { useDeletionPreview } from '../api/get-deletion-preview';

/**
 * Who the confirmation says will be told: the server's count of exactly those the delete notifies
 * (joined, waiting, and joiners who left), or, until it answers, the same people without a number.
 */
function whoIsTold(notified: number | undefined): string {
  if (notified === undefined) return 'Everyone joined or waiting, and those who left, will be told it was cancelled.';
  if (notified === 0) return 'Nobody will be told.';
  if (notified === 1) return '1 person will be told it was cancelled.';
  return `${formatPeople(notified)} will be told it was cancelled: everyone joined or waiting, and those who left.`;
}

/** "Delete event", confirmed in a dialog whose confirm button has the same name. */
export function DeleteEventButton({ event, onDeleted, size }: { event: EventView; onDeleted?: () => void; size?: 'medium' | 'small' }) {
  const [open, setOpen] = useState(false);
  const remove = useDeleteEvent();
  const preview = useDeletionPreview(event.id, open);
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
        {`${whoIsTold(preview.data?.notifiedCount)} This cannot be undone.`}
      </Dialog>
    </>
  );
}
