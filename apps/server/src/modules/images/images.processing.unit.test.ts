import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors';
import { halvesImage, noiseImage, solidImage } from '../../test/builders/images';
import { AVATAR_TARGET, COVER_TARGET, INPUT_PIXELS_MAX, processImage } from './images.processing';

/** The error `work` fails with, as status and message. */
async function refusal(work: Promise<unknown>) {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return { status: (error as AppError).status, message: (error as AppError).message, details: (error as AppError).details };
}

describe('processImage', () => {
  it('keeps the centre at the target’s shape without a crop: the middle of red | blue | red is blue', async () => {
    // 3 000 × 500, shaped 6:1: the 2:1 centre is x 1 000–2 000, all blue.
    const edge = await sharp({ create: { width: 900, height: 500, channels: 3, background: '#ff0000' } })
      .png()
      .toBuffer();
    const bytes = await sharp({ create: { width: 3000, height: 500, channels: 3, background: '#0000ff' } })
      .composite([
        { input: edge, left: 0, top: 0 },
        { input: edge, left: 2100, top: 0 },
      ])
      .png()
      .toBuffer();
    const cover = await processImage(bytes, COVER_TARGET);
    expect(cover).toMatchObject({ contentType: 'image/webp', width: 1600, height: 800, color: expect.stringMatching(/^#0.0.f.$/) });
    const { dominant } = await sharp(cover.bytes).stats();
    expect(dominant.r).toBeLessThan(40);
  });

  it('makes avatars 256 × 256 and names the dominant colour as #rrggbb', async () => {
    const avatar = await processImage(await solidImage('png', 500, 300, '#20c040'), AVATAR_TARGET);
    expect(await sharp(avatar.bytes).metadata()).toMatchObject({ format: 'webp', width: 256, height: 256 });
    expect(avatar.color).toMatch(/^#[0-9a-f]{6}$/);
    // Within a histogram bin (and lossy WebP's drift) of the colour it was made of.
    const channels = [1, 3, 5].map((at) => Number.parseInt(avatar.color.slice(at, at + 2), 16));
    const drift = channels.map((channel, i) => Math.abs(channel - ([0x20, 0xc0, 0x40][i] ?? 0)));
    expect(Math.max(...drift)).toBeLessThanOrEqual(24);
  });

  it('crops before resizing, in the source’s pixels', async () => {
    const bytes = await (await halvesImage(1000, 500)).jpeg().toBuffer();
    const left = await processImage(bytes, AVATAR_TARGET, { x: 0, y: 0, width: 500, height: 500 });
    expect(left.color).toMatch(/^#f.0.0.$/);
  });

  it('refuses an image over 50 megapixels from its header, with 400', async () => {
    // 10 000 × 5 001 of one colour: a small PNG, a 200 MB bitmap.
    const bytes = await sharp({ create: { width: 10_000, height: 5_001, channels: 3, background: '#fff' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(10_000 * 5_001).toBeGreaterThan(INPUT_PIXELS_MAX);
    expect(await refusal(processImage(bytes, COVER_TARGET))).toMatchObject({
      status: 400,
      message: expect.stringContaining('50 megapixels'),
    });
  });

  it('refuses a corrupt PNG and a HEIC-like file with 415', async () => {
    const png = await noiseImage('png', 400, 300);
    expect((await refusal(processImage(png.subarray(0, 3000), COVER_TARGET))).status).toBe(415);
    // An ISO BMFF header that names the HEIC brand.
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic'), Buffer.alloc(64)]);
    expect((await refusal(processImage(heic, COVER_TARGET))).status).toBe(415);
  });
});
