import { IMAGE_UPLOAD_MAX_BYTES } from '@turnout/contracts';

/** What the image endpoints accept (docs/product.md §11); the file picker offers only these. */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** A crop rectangle in the source image's pixels, after its EXIF orientation. */
export type CropArea = { x: number; y: number; width: number; height: number };

const MB = 1024 * 1024;

/** Megabytes with one decimal, rounded up so a file just over the limit never reads as the limit. */
export const formatMegabytes = (bytes: number): string => {
  const tenths = Math.ceil((bytes / MB) * 10) / 10;
  return `${Number.isInteger(tenths) ? tenths : tenths.toFixed(1)} MB`;
};

/** Why `file` cannot be uploaded, or null: the server's own checks, told before the upload. */
export function imageFileProblem(file: File): string | null {
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) return 'Choose a JPEG, PNG or WebP image';
  if (file.size > IMAGE_UPLOAD_MAX_BYTES) {
    return `This image is ${formatMegabytes(file.size)}; the limit is ${formatMegabytes(IMAGE_UPLOAD_MAX_BYTES)}`;
  }
  return null;
}

/** The multipart body of an image upload: the file and its crop as whole pixels. */
export function imageUploadForm(file: File, crop: CropArea): FormData {
  const form = new FormData();
  // Fields before the file: a streaming parser has the crop in hand when the bytes arrive.
  form.set('x', String(Math.max(0, Math.round(crop.x))));
  form.set('y', String(Math.max(0, Math.round(crop.y))));
  form.set('width', String(Math.max(1, Math.round(crop.width))));
  form.set('height', String(Math.max(1, Math.round(crop.height))));
  form.set('file', file, file.name);
  return form;
}

/** The file as a data: URL, which the page's Content-Security-Policy lets an <img> show (blob: it does not). */
export function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}
