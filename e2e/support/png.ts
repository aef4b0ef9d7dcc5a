import sharp from 'sharp';

/** A PNG of `width` × `height` RGB pixels, coloured by `pixel(x, y)`: an upload made in the test itself. */
export async function png(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.set(pixel(x, y), (y * width + x) * 3);
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}
