import { lazy, type ReactNode, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../lib/api-client';
import { type CropArea, IMAGE_TYPES, imageFileProblem, readAsDataUrl } from '../../lib/image-upload';
import { Button } from '../ui/button';
import styles from './image-picker.module.css';
import { useImageInput } from './use-image-input';

const ImageCropper = lazy(() => import('./image-cropper'));

type ImagePickerProps = {
  /** Width over height of the stored image: 2 for a cover, 1 for an avatar. */
  aspect: number;
  round?: boolean;
  /** The file picker's button: "Add cover", "Change photo"… */
  chooseLabel: string;
  /** What the crop step is called, and its save button. */
  cropTitle: string;
  saveLabel: string;
  hint: ReactNode;
  /** The image as it is now (or a placeholder), shown until a new one is picked. */
  preview?: ReactNode;
  /** More buttons beside the picker's ("Remove cover"). */
  actions?: ReactNode;
  /** Uploads the file with its crop; a rejection's message is shown in the crop step. */
  onSave: (file: File, crop: CropArea) => Promise<unknown>;
  className?: string;
};

/**
 * Choosing an image, then cropping it: a file picker button, a drop zone (the whole component),
 * and Ctrl/Cmd+V anywhere on the page outside a text field. The file is checked as the server
 * would check it before anything is sent; the crop goes with it as pixels of the original.
 */
export function ImagePicker({
  aspect,
  round,
  chooseLabel,
  cropTitle,
  saveLabel,
  hint,
  preview,
  actions,
  onSave,
  className,
}: ImagePickerProps) {
  const [picked, setPicked] = useState<{ file: File; src: string } | null>(null);
  const [area, setArea] = useState<CropArea | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const chooseRef = useRef<HTMLButtonElement>(null);
  const cropTitleRef = useRef<HTMLLegendElement>(null);
  const wasCropping = useRef(false);

  const take = useCallback(
    async (file: File | null | undefined) => {
      if (!file || saving) return;
      const why = imageFileProblem(file);
      if (why) return setProblem(why);
      setProblem(null);
      try {
        const src = await readAsDataUrl(file);
        setArea(null);
        setPicked({ file, src });
      } catch {
        setProblem('This image could not be read. Choose another one.');
      }
    },
    [saving],
  );

  const { dragging, dropProps } = useImageInput(useCallback((file) => void take(file), [take]));

  // Focus follows the step: into the crop step when it opens, back to the picker when it closes.
  useEffect(() => {
    if (picked) cropTitleRef.current?.focus();
    else if (wasCropping.current) chooseRef.current?.focus();
    wasCropping.current = picked !== null;
  }, [picked]);

  const unreadable = () => {
    setPicked(null);
    setProblem('This image could not be read. Choose another one.');
  };

  const cancel = () => {
    if (saving) return;
    setPicked(null);
    setProblem(null);
  };

  async function save() {
    if (!picked || !area || saving) return;
    setSaving(true);
    setProblem(null);
    try {
      await onSave(picked.file, area);
      setPicked(null);
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setSaving(false);
    }
  }

  const alert = problem && (
    <p role="alert" className={styles.error}>
      {problem}
    </p>
  );
  return (
    <div className={[styles.picker, dragging ? styles.dragging : '', className].filter(Boolean).join(' ')} {...dropProps}>
      {picked ? (
        <fieldset
          className={styles.step}
          onKeyDown={(event) => {
            // Escape inside the step cancels it, as in a dialog.
            if (event.key !== 'Escape') return;
            event.stopPropagation();
            cancel();
          }}
        >
          <legend ref={cropTitleRef} tabIndex={-1} className={styles.title}>
            {cropTitle}
          </legend>
          <Suspense fallback={<p className={styles.hint}>Loading the editor…</p>}>
            <ImageCropper src={picked.src} aspect={aspect} round={round} onCropChange={setArea} onUnreadable={unreadable} />
          </Suspense>
          {alert}
          <p role="status" className={styles.status}>
            {saving && (
              <>
                <progress className={styles.progress} aria-label="Uploading" /> Uploading…
              </>
            )}
          </p>
          <div className={styles.actions}>
            <Button variant="primary" busy={saving || !area} onClick={save}>
              {saveLabel}
            </Button>
            <Button onClick={cancel} disabled={saving}>
              Cancel
            </Button>
          </div>
        </fieldset>
      ) : (
        <>
          {preview}
          <div className={styles.controls}>
            <p className={styles.hint}>{hint}</p>
            <div className={styles.actions}>
              <Button ref={chooseRef} onClick={() => inputRef.current?.click()}>
                {chooseLabel}
              </Button>
              {actions}
            </div>
            {alert}
          </div>
        </>
      )}
      <input
        ref={inputRef}
        type="file"
        accept={IMAGE_TYPES.join(',')}
        aria-label={chooseLabel}
        hidden
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          // The same file chosen again after a cancel still fires a change.
          event.currentTarget.value = '';
          void take(file);
        }}
      />
    </div>
  );
}
