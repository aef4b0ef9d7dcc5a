import { AVATAR_SIZE, COVER_HEIGHT, COVER_WIDTH, ErrorCode, type ImageCrop } from '@turnout/contracts';
import sharp, { type Metadata } from 'sharp';
import { AppError, badRequest } from '../../http/errors';

/** The size an upload is stored at. */
export interface ImageTarget {
  width: number;
  height: number;
}
export const COVER_TARGET: ImageTarget = { width: COVER_WIDTH, height: COVER_HEIGHT };
export const AVATAR_TARGET: ImageTarget = { width: AVATAR_SIZE, height: AVATAR_SIZE };

/** An upload as stored: re-encoded, without any of the original's metadata. */
export interface ProcessedImage {
  contentType: 'image/webp';
  bytes: Buffer;
  width: number;
  height: number;
  /** The dominant colour, `#rrggbb`. */
  color: string;
}

/** Decoded, an image this large holds hundreds of MB: refused from its header, before decoding. */
export const INPUT_PIXELS_MAX = 50_000_000;
const ACCEPTED_FORMATS: ReadonlySet<string> = new Set(['jpeg', 'png', 'webp']);
const WEBP_QUALITY = 80;
// Images being decoded at once, each on one libvips thread (libuv's pool, off the event loop):
// on two cores, uploads can never take every thread from password hashing and file reads.
const SLOTS = 2;
const PROCESSING_TIMEOUT_SECONDS = 20;

export const IMAGE_UPLOAD_HINT = 'Upload a JPEG, PNG or WebP image (up to 5 MB).';
const unsupported = (message = IMAGE_UPLOAD_HINT) => new AppError(415, ErrorCode.unsupportedMediaType, message);

let configured = false;
/** Process-wide: one libvips thread per image, and no cache of decoded images (each upload is seen once). */
function configureSharp(): void {
  if (configured) return;
  sharp.concurrency(1);
  sharp.cache(false);
  configured = true;
}

let busy = 0;
const waiting: (() => void)[] = [];
async function inSlot<T>(work: () => Promise<T>): Promise<T> {
  if (busy < SLOTS) busy++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line, or is freed.
    const next = waiting.shift();
    if (next) next();
    else busy--;
  }
}

// Fail on truncated or broken pixel data, tolerate warnings (cameras write odd but readable files).
const decoding = { failOn: 'error', limitInputPixels: INPUT_PIXELS_MAX, autoOrient: true } as const;

/** The image's format and its size as displayed (EXIF orientation applied), read from its header only. */
async function inspect(bytes: Buffer): Promise<{ width: number; height: number }> {
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw unsupported();
  }
  // The bytes decide, never the client's Content-Type or file name: SVG, GIF, HEIC, PDF… are refused.
  if (!ACCEPTED_FORMATS.has(metadata.format)) throw unsupported();
  const { width, height } = metadata.autoOrient;
  if (!width || !height) throw unsupported();
  if (width * height > INPUT_PIXELS_MAX) {
    throw new AppError(400, ErrorCode.badRequest, `The image is ${width} × ${height} pixels: at most 50 megapixels are accepted.`);
  }
  return { width, height };
}

/** 400 on the crop's fields unless the rectangle lies within the image. */
function assertWithin(crop: ImageCrop, size: { width: number; height: number }): void {
  const fields: Record<string, string[]> = {};
  if (crop.x + crop.width > size.width) fields.width = [`x + width must be at most ${size.width}, the image's width`];
  if (crop.y + crop.height > size.height) fields.height = [`y + height must be at most ${size.height}, the image's height`];
  if (Object.keys(fields).length > 0) throw badRequest('The crop rectangle must lie within the image.', fields);
}

const hex = ({ r, g, b }: { r: number; g: number; b: number }) =>
  `#${[r, g, b].map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;

/**
 * Turns an upload into the stored rendition: oriented by its EXIF tag, cropped to `crop` (or to the
 * target's shape around its centre), resized to `target`, re-encoded as WebP without metadata.
 * Anything but a readable JPEG, PNG or WebP is a 415; a crop outside the image a 400.
 */
export async function processImage(bytes: Buffer, target: ImageTarget, crop?: ImageCrop): Promise<ProcessedImage> {
  configureSharp();
  if (bytes.length === 0) throw unsupported(`The file is empty. ${IMAGE_UPLOAD_HINT}`);
  return inSlot(async () => {
    const size = await inspect(bytes);
    if (crop) assertWithin(crop, size);
    try {
      let pipeline = sharp(bytes, decoding).timeout({ seconds: PROCESSING_TIMEOUT_SECONDS });
      if (crop) pipeline = pipeline.extract({ left: crop.x, top: crop.y, width: crop.width, height: crop.height });
      const { data, info } = await pipeline
        .resize(target.width, target.height, { fit: 'cover', position: 'centre' })
        .webp({ quality: WEBP_QUALITY })
        .toBuffer({ resolveWithObject: true });
      const { dominant } = await sharp(data).stats();
      return { contentType: 'image/webp', bytes: data, width: info.width, height: info.height, color: hex(dominant) };
    } catch {
      throw unsupported(`The image could not be read: it may be damaged or incomplete. ${IMAGE_UPLOAD_HINT}`);
    }
  });
}
