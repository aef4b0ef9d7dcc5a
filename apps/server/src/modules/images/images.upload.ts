import fastifyMultipart from '@fastify/multipart';
import { ErrorCode, IMAGE_UPLOAD_MAX_BYTES, type ImageCrop, ImageCropSchema } from '@turnout/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, badRequest } from '../../http/errors';
import { IMAGE_UPLOAD_HINT } from './images.processing';

/** What an upload request carried: the file's bytes, not yet looked at, and the crop asked for. */
export interface ImageUpload {
  bytes: Buffer;
  crop: ImageCrop | undefined;
}

const CROP_FIELDS = ['x', 'y', 'width', 'height'] as const;

const notMultipart = () =>
  new AppError(415, ErrorCode.unsupportedMediaType, `Send the image as multipart/form-data, in a "file" field. ${IMAGE_UPLOAD_HINT}`);
const tooLarge = () => new AppError(413, ErrorCode.payloadTooLarge, 'The image is larger than 5 MB.');
const malformed = (message: string) => new AppError(400, ErrorCode.badRequest, message);

/**
 * Makes the routes of `app` (an encapsulated plugin) take multipart bodies: one file of at most
 * 5 MB and a few short text fields. JSON is still parsed (a DELETE may carry `{}`) and refused by
 * readImageUpload; any other body is a 415 that asks for multipart, where the rest of the API asks for JSON.
 */
export async function acceptImageUploads(app: FastifyInstance): Promise<void> {
  app.addContentTypeParser('*', (_request, _payload, done) => done(notMultipart(), undefined));
  await app.register(fastifyMultipart, {
    limits: { fileSize: IMAGE_UPLOAD_MAX_BYTES, files: 1, fields: CROP_FIELDS.length + 2, fieldSize: 64, parts: 8, headerPairs: 20 },
  });
}

/** The parser's refusals (by their stable codes) as our errors; whatever else busboy throws is a malformed body. */
function uploadError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  switch ((error as { code?: unknown }).code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge();
    case 'FST_FILES_LIMIT':
      return malformed('Send one image at a time.');
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return malformed('Send the image and at most its crop fields (x, y, width, height).');
    case 'FST_MP_PREMATURE_CLOSE':
      return malformed('The upload ended before it was complete.');
    default:
      return malformed('The body is not valid multipart/form-data.');
  }
}

/** All four crop fields or none; each a whole number of pixels (where it lies is checked against the image). */
function cropFrom(fields: Map<string, unknown>): ImageCrop | undefined {
  if (!CROP_FIELDS.some((name) => fields.has(name))) return undefined;
  const missing = CROP_FIELDS.filter((name) => !fields.has(name));
  if (missing.length > 0) {
    throw badRequest(
      'Some fields are invalid.',
      Object.fromEntries(missing.map((name) => [name, ['Give x, y, width and height together']])),
    );
  }
  const parsed = ImageCropSchema.safeParse(Object.fromEntries(CROP_FIELDS.map((name) => [name, fields.get(name)])));
  if (!parsed.success) throw badRequest('Some fields are invalid.', z.flattenError(parsed.error).fieldErrors);
  return parsed.data;
}

/** Reads the multipart body as it streams in: the file into memory (5 MB at most), the crop fields beside it, in any order. */
export async function readImageUpload(request: FastifyRequest): Promise<ImageUpload> {
  if (!request.isMultipart()) throw notMultipart();
  let bytes: Buffer | undefined;
  const fields = new Map<string, unknown>();
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') bytes = await part.toBuffer();
      else if ((CROP_FIELDS as readonly string[]).includes(part.fieldname)) {
        // A value cut at fieldSize is no number of pixels: left out, so the crop is refused.
        fields.set(part.fieldname, part.valueTruncated ? null : part.value);
      }
    }
  } catch (error) {
    throw uploadError(error);
  }
  if (bytes === undefined) throw badRequest('Choose an image to upload.', { file: [IMAGE_UPLOAD_HINT] });
  return { bytes, crop: cropFrom(fields) };
}
