import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { ORIGIN } from '../harness/api';
import type { TestApp } from '../harness/build-test-app';

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif';

/** An image of one colour, encoded as `format`. */
export const solidImage = (format: ImageFormat, width = 640, height = 480, background = '#2a9d8f') =>
  sharp({ create: { width, height, channels: 3, background } })
    .toFormat(format)
    .toBuffer();

/** A photo-like image (noise compresses as badly as a photo does), encoded as JPEG or PNG. */
export const noiseImage = (format: 'jpeg' | 'png', width = 800, height = 600) =>
  sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .toFormat(format)
    .toBuffer();

/** A `width` × `height` image whose left half is `left` and right half `right`, as a sharp pipeline (encode it as you need). */
export async function halvesImage(width: number, height: number, left = '#ff0000', right = '#0000ff') {
  const leftHalf = await sharp({ create: { width: width / 2, height, channels: 3, background: left } })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: right } }).composite([{ input: leftHalf, left: 0, top: 0 }]);
}

export interface UploadFile {
  bytes: Buffer;
  filename?: string;
  /** What the client claims; the server never believes it. */
  contentType?: string;
}

/** A multipart/form-data body with text fields and at most one file, as a browser's FormData sends it. */
export function multipartBody(fields: Record<string, string>, file?: UploadFile, fieldName = 'file') {
  const boundary = `----turnout${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${fieldName}"; filename="${file.filename ?? 'photo.jpg'}"\r\n` +
          `Content-Type: ${file.contentType ?? 'image/jpeg'}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** PUTs an image to `url` (a cover or the avatar) as `as`, from the app's own origin. */
export function uploadImage(
  t: TestApp,
  url: string,
  options: { as?: { cookie: string }; file?: UploadFile; fields?: Record<string, string> },
) {
  const { payload, contentType } = multipartBody(options.fields ?? {}, options.file);
  return t.app.inject({
    method: 'PUT',
    url,
    headers: { origin: ORIGIN, 'content-type': contentType, ...(options.as ? { cookie: options.as.cookie } : {}) },
    payload,
  });
}
