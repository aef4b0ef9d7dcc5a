import { AVATAR_SIZE, IMAGE_UPLOAD_MAX_BYTES } from '@turnout/contracts';
import { useId, useState } from 'react';
import { ImagePicker } from '../../../components/image-upload/image-picker';
import { Avatar } from '../../../components/ui/avatar';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { errorMessage } from '../../../lib/api-client';
import { formatMegabytes } from '../../../lib/image-upload';
import { showToast } from '../../../lib/toasts';
import { useViewer } from '../api/get-me';
import { useRemoveAvatar } from '../api/remove-avatar';
import { useUploadAvatar } from '../api/upload-avatar';
import styles from './settings.module.css';

/** The viewer's picture beside their name on every page: add, change or remove it. */
export function ProfilePhotoSettings() {
  const viewer = useViewer();
  const upload = useUploadAvatar();
  const remove = useRemoveAvatar();
  const [confirming, setConfirming] = useState(false);
  const headingId = useId();
  if (!viewer) return null;
  const photo = viewer.avatarUrl;

  async function removeIt() {
    try {
      await remove.mutateAsync();
    } catch (error) {
      showToast({ tone: 'error', title: 'Could not remove the photo', body: errorMessage(error) });
      return;
    }
    setConfirming(false);
    showToast({ title: 'Photo removed' });
  }

  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        Profile photo
      </h2>
      <ImagePicker
        aspect={1}
        round
        chooseLabel={photo ? 'Change photo' : 'Add photo'}
        cropTitle="Crop your photo"
        saveLabel="Save photo"
        hint={`Shown beside your name. Drop, paste or choose a JPEG, PNG or WebP image up to ${formatMegabytes(IMAGE_UPLOAD_MAX_BYTES)}; it is cropped square and stored at ${AVATAR_SIZE} × ${AVATAR_SIZE} pixels.`}
        preview={
          <div className={styles.photo}>
            <Avatar name={viewer.name} url={photo} size="lg" />
            {!photo && <p className={styles.muted}>No photo yet: others see your initials.</p>}
          </div>
        }
        actions={
          photo && (
            <Button variant="quietDanger" onClick={() => setConfirming(true)}>
              Remove photo
            </Button>
          )
        }
        onSave={async (file, crop) => {
          await upload.mutateAsync({ file, crop });
          showToast({ title: photo ? 'Photo changed' : 'Photo added' });
        }}
      />
      <Dialog
        open={confirming}
        title="Remove your photo?"
        onClose={() => setConfirming(false)}
        actions={
          <>
            <Button onClick={() => setConfirming(false)} autoFocus>
              Cancel
            </Button>
            <Button variant="danger" busy={remove.isPending} onClick={removeIt}>
              Remove photo
            </Button>
          </>
        }
      >
        Others see your initials instead.
      </Dialog>
    </section>
  );
}
