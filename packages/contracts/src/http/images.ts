import { z } from 'zod';

// Multipart text fields: a whole number of pixels, at most six digits (no image is a million pixels wide).
const pixels = z
  .string()
  .trim()
  .regex(/^\d{1,6}$/, 'Must be a whole number of pixels')
  .transform(Number);
const extent = pixels.refine((n) => n >= 1, 'Must be at least 1 pixel');

/**
 * The part of an upload to keep, in the uploaded image's pixels once its EXIF orientation is
 * applied: the multipart fields `x`, `y`, `width`, `height` beside `file`, all four or none. Without
 * them the server keeps the centre of the image at the target's shape.
 */
export const ImageCropSchema = z.object({ x: pixels, y: pixels, width: extent, height: extent });
export type ImageCropInput = z.input<typeof ImageCropSchema>;
export type ImageCrop = z.output<typeof ImageCropSchema>;

/**
 * The multipart/form-data body of a cover or avatar upload, for the API's documentation: the
 * server reads the parts as they stream in rather than through a body schema.
 */
export const ImageUploadSchema = z.object({
  file: z.file().describe('A JPEG, PNG or WebP image of at most 5 MB (IMAGE_UPLOAD_MAX_BYTES)'),
  x: pixels.optional(),
  y: pixels.optional(),
  width: extent.optional(),
  height: extent.optional(),
});

export const ImageParamsSchema = z.object({ id: z.string().uuid('Not a valid image id') });
