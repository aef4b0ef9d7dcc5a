import { useId, useState } from 'react';
import Cropper, { type Area, type Point } from 'react-easy-crop';
import type { CropArea } from '../../lib/image-upload';
import styles from './image-cropper.module.css';

export type ImageCropperProps = {
  src: string;
  /** Width over height of the crop: 2 for a cover, 1 for an avatar. */
  aspect: number;
  round?: boolean;
  onCropChange: (area: CropArea) => void;
  /** The browser could not decode the file (a damaged image, or not an image at all). */
  onUnreadable: () => void;
};

const MIN_ZOOM = 1;
const MAX_ZOOM = 4;

/**
 * The crop step's editor: drag the image (or focus it and use the arrow keys) inside a frame of a
 * fixed ratio, zoom with the slider, the wheel or a pinch. Loaded on demand (React.lazy): the
 * cropper library is not part of the first bundle.
 */
export default function ImageCropper({ src, aspect, round = false, onCropChange, onUnreadable }: ImageCropperProps) {
  const [crop, setCrop] = useState<Point>({ x: 0, y: 0 });
  const [zoom, setZoom] = useState(1);
  const zoomId = useId();
  const helpId = useId();
  return (
    <div className={styles.editor}>
      <div className={`${styles.stage} ${aspect === 1 ? styles.square : ''}`} style={{ aspectRatio: String(aspect) }}>
        <Cropper
          image={src}
          crop={crop}
          zoom={zoom}
          minZoom={MIN_ZOOM}
          maxZoom={MAX_ZOOM}
          aspect={aspect}
          cropShape={round ? 'round' : 'rect'}
          showGrid={!round}
          onCropChange={setCrop}
          onZoomChange={setZoom}
          onCropComplete={(_: Area, pixels: Area) => onCropChange(pixels)}
          cropperProps={{ role: 'group', 'aria-label': 'Crop frame', 'aria-describedby': helpId }}
          mediaProps={{ onError: onUnreadable }}
        />
      </div>
      <p id={helpId} className={styles.help}>
        Drag the image, or focus the frame and use the arrow keys, to choose what shows.
      </p>
      <div className={styles.zoom}>
        <label htmlFor={zoomId}>Zoom</label>
        <input
          id={zoomId}
          type="range"
          min={MIN_ZOOM}
          max={MAX_ZOOM}
          step={0.05}
          value={zoom}
          aria-valuetext={`${Math.round(zoom * 100)}%`}
          onChange={(event) => setZoom(Number(event.currentTarget.value))}
        />
      </div>
    </div>
  );
}
