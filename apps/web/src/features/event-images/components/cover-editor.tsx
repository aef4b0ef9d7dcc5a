import { COVER_HEIGHT, COVER_WIDTH, type EventView, IMAGE_UPLOAD_MAX_BYTES } from '@turnout/contracts';
import { useState } from 'react';
import { EventCover } from '../../../components/event/event-cover';
import { ImagePicker } from '../../../components/image-upload/image-picker';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { errorMessage } from '../../../lib/api-client';
import { formatMegabytes } from '../../../lib/image-upload';
import { showToast } from '../../../lib/toasts';
import { useRemoveCover } from '../api/remove-cover';
import { useUploadCover } from '../api/upload-cover';
import styles from './cover-editor.module.css';

/** The organizer's cover: the image (or an empty drop zone) with add, change and remove. */
export function CoverEditor({ event }: { event: EventView }) {
  const upload = useUploadCover();
  const remove = useRemoveCover();
  const [confirming, setConfirming] = useState(false);
  const cover = event.cover;

  async function removeIt() {
    try {
      await remove.mutateAsync(event.id);
    } catch (error) {
      showToast({ tone: 'error', title: 'Could not remove the cover', body: errorMessage(error) });
      return;
    }
    setConfirming(false);
    showToast({ title: 'Cover removed' });
  }

  return (
    <>
      <ImagePicker
        className={cover ? styles.covered : styles.empty}
        aspect={COVER_WIDTH / COVER_HEIGHT}
        chooseLabel={cover ? 'Change cover' : 'Add cover'}
        cropTitle="Crop the cover"
        saveLabel="Save cover"
        hint={`${cover ? 'Drop or paste another image to replace it' : 'Drop an image here or paste one'}: JPEG, PNG or WebP up to ${formatMegabytes(IMAGE_UPLOAD_MAX_BYTES)}, shown at 2:1.`}
        preview={cover && <EventCover cover={cover} />}
        actions={
          cover && (
            <Button variant="quietDanger" onClick={() => setConfirming(true)}>
              Remove cover
            </Button>
          )
        }
        onSave={async (file, crop) => {
          await upload.mutateAsync({ eventId: event.id, file, crop });
          showToast({ title: cover ? 'Cover changed' : 'Cover added' });
        }}
      />
      <Dialog
        open={confirming}
        title="Remove the cover?"
        onClose={() => setConfirming(false)}
        actions={
          <>
            <Button onClick={() => setConfirming(false)} autoFocus>
              Cancel
            </Button>
            <Button variant="danger" busy={remove.isPending} onClick={removeIt}>
              Remove cover
            </Button>
          </>
        }
      >
        The event’s page, cards and shared link go back to having no image.
      </Dialog>
    </>
  );
}
