import type { AddressInfo } from 'node:net';
import { COVER_HEIGHT, COVER_WIDTH, type EventView, ImageSchema } from '@turnout/contracts';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { events, images } from '../../db/schema';
import { buildEvent, endEvent } from '../../test/builders/events';
import { halvesImage, noiseImage, solidImage, type UploadFile, uploadImage } from '../../test/builders/images';
import { buildUser, type TestUser } from '../../test/builders/users';
import { call, ORIGIN } from '../../test/harness/api';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';
import { RecordingClient } from '../../test/harness/socket-client';

let t: TestApp;
let organizer: TestUser;
const sockets: RecordingClient[] = [];
beforeAll(async () => {
  t = await buildTestApp();
  organizer = await buildUser(t, { role: 'organizer' });
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
});
afterAll(() => t.close());

const coverUrl = (event: { id: string }) => `/api/events/${event.id}/cover`;
const putCover = (event: { id: string }, file: UploadFile | undefined, options: { as?: TestUser; fields?: Record<string, string> } = {}) =>
  uploadImage(t, coverUrl(event), {
    as: options.as ?? organizer,
    ...(file ? { file } : {}),
    ...(options.fields ? { fields: options.fields } : {}),
  });

async function storedEvent(id: string) {
  const [row] = await t.db.database.db.select({ version: events.version }).from(events).where(eq(events.id, id));
  const covers = await t.db.database.db.select({ id: images.id }).from(images).where(eq(images.eventId, id));
  return { version: row?.version, covers: covers.length };
}

/** The stored rendition behind an image URL, with what sharp reads of it. */
async function served(url: string) {
  const response = await call(t, 'GET', url);
  expect(response.statusCode, response.body).toBe(200);
  const bytes = response.rawPayload;
  const [metadata, stats] = await Promise.all([sharp(bytes).metadata(), sharp(bytes).stats()]);
  return { response, metadata, dominant: stats.dominant };
}

describe('PUT /api/events/:id/cover', () => {
  it.each(['jpeg', 'png', 'webp'] as const)(
    'takes a %s, stores it as a 1600 × 800 WebP with its colour and moves the version',
    async (format) => {
      const event = await buildEvent(t, organizer);
      const response = await putCover(event, { bytes: await solidImage(format, 900, 900, '#2060c0'), filename: `x.${format}` });
      expect(response.statusCode, response.body).toBe(200);
      const updated: EventView = response.json().event;
      expect(updated.version).toBe(event.version + 1);
      expect(updated.updatedAt >= event.updatedAt).toBe(true);
      expect(ImageSchema.parse(updated.cover)).toMatchObject({ width: COVER_WIDTH, height: COVER_HEIGHT });
      expect(updated.cover?.url).toMatch(/^\/api\/images\/[0-9a-f-]{36}$/);
      expect(updated.cover?.color).toMatch(/^#[0-9a-f]{6}$/);
      const { metadata, dominant } = await served(updated.cover?.url ?? '');
      expect(metadata).toMatchObject({ format: 'webp', width: COVER_WIDTH, height: COVER_HEIGHT });
      // No metadata of the upload survives the re-encoding.
      expect(metadata.exif).toBeUndefined();
      expect(dominant.b).toBeGreaterThan(dominant.r);
    },
  );

  it('keeps the crop rectangle asked for: the right half of a red | blue image is blue', async () => {
    const event = await buildEvent(t, organizer);
    const bytes = await (await halvesImage(1200, 600)).png().toBuffer();
    const response = await putCover(event, { bytes }, { fields: { x: '600', y: '0', width: '600', height: '300' } });
    expect(response.statusCode, response.body).toBe(200);
    const { dominant } = await served(response.json().event.cover.url);
    expect(dominant.b).toBeGreaterThan(200);
    expect(dominant.r).toBeLessThan(40);
    expect(response.json().event.cover.color).toMatch(/^#0.0.f.$/);
  });

  it('reads the crop in the image as displayed, after its EXIF orientation', async () => {
    // Stored 800 × 400, red | blue, tagged "rotate 90° clockwise": displayed 400 × 800, red above blue.
    const bytes = await (await halvesImage(800, 400)).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const event = await buildEvent(t, organizer);
    const response = await putCover(event, { bytes }, { fields: { x: '0', y: '600', width: '400', height: '200' } });
    expect(response.statusCode, response.body).toBe(200);
    const { dominant } = await served(response.json().event.cover.url);
    expect(dominant.b).toBeGreaterThan(200);
    expect(dominant.r).toBeLessThan(40);
  });

  it.each([
    ['outside the image', { x: '700', y: '0', width: '600', height: '300' }, 'width'],
    ['of zero width', { x: '0', y: '0', width: '0', height: '300' }, 'width'],
    ['not a number', { x: 'left', y: '0', width: '600', height: '300' }, 'x'],
    ['incomplete', { x: '0', y: '0', width: '600' }, 'height'],
  ])('refuses a crop %s with 400 on that field, and stores nothing', async (_what, fields, field) => {
    const event = await buildEvent(t, organizer);
    const response = await putCover(event, { bytes: await solidImage('png', 1200, 600) }, { fields });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.details.fields).toHaveProperty(field);
    expect(await storedEvent(event.id)).toEqual({ version: event.version, covers: 0 });
  });

  it('refuses a file over 5 MB with 413, and stores nothing', async () => {
    const event = await buildEvent(t, organizer);
    const jpeg = await solidImage('jpeg');
    const bytes = Buffer.concat([jpeg, Buffer.alloc(5 * 1024 * 1024 + 1 - jpeg.length, 1)]);
    const response = await putCover(event, { bytes });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toEqual({ code: 'payload_too_large', message: 'The image is larger than 5 MB.' });
    expect(await storedEvent(event.id)).toEqual({ version: event.version, covers: 0 });
  });

  const truncated = async () => {
    const jpeg = await noiseImage('jpeg');
    return jpeg.subarray(0, Math.floor(jpeg.length / 2));
  };
  it.each([
    ['text', async () => Buffer.from('just some words, not a picture'), 'image/png'],
    [
      'SVG',
      async () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="99" height="99"><rect width="9" height="9"/></svg>'),
      'image/svg+xml',
    ],
    ['a GIF', () => solidImage('gif', 100, 100), 'image/gif'],
    ['a PDF', async () => Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF'), 'image/jpeg'],
    ['a truncated JPEG', truncated, 'image/jpeg'],
    ['an empty file', async () => Buffer.alloc(0), 'image/jpeg'],
  ])('refuses %s with 415 (whatever the client says it is), and changes nothing', async (_what, bytes, contentType) => {
    const event = await buildEvent(t, organizer);
    const response = await putCover(event, { bytes: await bytes(), contentType, filename: 'cover.jpg' });
    expect(response.statusCode, response.body).toBe(415);
    expect(response.json().error).toMatchObject({ code: 'unsupported_media_type', message: expect.stringContaining('JPEG, PNG or WebP') });
    expect(await storedEvent(event.id)).toEqual({ version: event.version, covers: 0 });
  });

  it('refuses a body that is not multipart with 415, and one without a file with 400', async () => {
    const event = await buildEvent(t, organizer);
    const asJson = await call(t, 'PUT', coverUrl(event), { as: organizer, body: { file: 'x' } });
    expect(asJson.statusCode).toBe(415);
    expect(asJson.json().error.message).toContain('multipart/form-data');
    const asText = await t.app.inject({
      method: 'PUT',
      url: coverUrl(event),
      headers: { origin: ORIGIN, cookie: organizer.cookie, 'content-type': 'image/jpeg' },
      payload: await solidImage('jpeg'),
    });
    expect(asText.statusCode).toBe(415);
    expect((await call(t, 'PUT', coverUrl(event), { as: organizer })).statusCode).toBe(415);
    const noFile = await putCover(event, undefined, { fields: { x: '1' } });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.details.fields).toHaveProperty('file');
    expect(await storedEvent(event.id)).toEqual({ version: event.version, covers: 0 });
  });

  it('is for the event’s organizer only: 401, 403, 404, 400 for a malformed id, 409 once it has ended', async () => {
    const event = await buildEvent(t, organizer);
    const file = { bytes: await solidImage('jpeg') };
    const [otherOrganizer, joiner] = [await buildUser(t, { role: 'organizer' }), await buildUser(t)];
    expect((await putCover(event, file, { as: otherOrganizer })).statusCode).toBe(403);
    expect((await putCover(event, file, { as: joiner })).statusCode).toBe(403);
    expect((await uploadImage(t, coverUrl(event), { file })).statusCode).toBe(401);
    expect((await putCover({ id: crypto.randomUUID() }, file)).statusCode).toBe(404);
    expect((await putCover({ id: 'not-a-uuid' }, file)).statusCode).toBe(400);
    expect((await call(t, 'DELETE', coverUrl(event), { as: otherOrganizer })).statusCode).toBe(403);
    expect(await storedEvent(event.id)).toEqual({ version: event.version, covers: 0 });

    const ended = await buildEvent(t, organizer);
    await endEvent(t, ended.id);
    const refused = await putCover(ended, file);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('event_ended');
  });

  it('replaces the cover: the old URL is gone, the new one serves', async () => {
    const event = await buildEvent(t, organizer);
    const first = (await putCover(event, { bytes: await solidImage('jpeg') })).json().event as EventView;
    const second = (await putCover(event, { bytes: await solidImage('png', 640, 480, '#e76f51') })).json().event as EventView;
    expect(second.version).toBe(first.version + 1);
    expect(second.cover?.url).not.toBe(first.cover?.url);
    expect((await call(t, 'GET', first.cover?.url ?? '')).statusCode).toBe(404);
    await served(second.cover?.url ?? '');
    expect(await storedEvent(event.id)).toEqual({ version: second.version, covers: 1 });
  });

  it('goes with the event when the event is deleted', async () => {
    const event = await buildEvent(t, organizer);
    const { cover } = (await putCover(event, { bytes: await solidImage('webp') })).json().event as EventView;
    expect((await call(t, 'DELETE', `/api/events/${event.id}`, { as: organizer })).statusCode).toBe(204);
    expect((await call(t, 'GET', cover?.url ?? '')).statusCode).toBe(404);
    expect(await t.db.database.db.select({ id: images.id }).from(images).where(eq(images.eventId, event.id))).toEqual([]);
  });

  it('shows in the event view, the list and the public page', async () => {
    const event = await buildEvent(t, organizer);
    const { cover } = (await putCover(event, { bytes: await solidImage('jpeg') })).json().event as EventView;
    const joiner = await buildUser(t);
    expect((await call(t, 'GET', `/api/events/${event.id}`, { as: joiner })).json().event.cover).toEqual(cover);
    const listed = (await call(t, 'GET', '/api/events?mine=1&limit=100', { as: organizer })).json().items as EventView[];
    expect(listed.find((e) => e.id === event.id)?.cover).toEqual(cover);
    expect((await call(t, 'GET', `/api/public/events/${event.id}`)).json().event.cover).toEqual(cover);
  });

  it('reaches every open screen as event:updated carrying the cover', async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const watcher = new RecordingClient(`http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`, {
      origin: ORIGIN,
      cookie: (await buildUser(t)).cookie,
    });
    sockets.push(watcher);
    await watcher.connected();
    const event = await buildEvent(t, organizer);
    const { cover, version } = (await putCover(event, { bytes: await solidImage('jpeg') })).json().event as EventView;
    const updated = await watcher.next('event:updated', (p) => p.event.id === event.id && p.event.cover !== null);
    expect(updated.event).toMatchObject({ cover, version });

    const removed = await call(t, 'DELETE', coverUrl(event), { as: organizer });
    expect(removed.statusCode).toBe(200);
    const cleared = await watcher.next('event:updated', (p) => p.event.id === event.id && p.event.cover === null);
    expect(cleared.event.version).toBe(version + 1);
  });
});

describe('DELETE /api/events/:id/cover', () => {
  it('removes the cover and moves the version; again, it answers the event unchanged', async () => {
    const event = await buildEvent(t, organizer);
    const { cover, version } = (await putCover(event, { bytes: await solidImage('jpeg') })).json().event as EventView;
    const removed = await call(t, 'DELETE', coverUrl(event), { as: organizer });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().event).toMatchObject({ id: event.id, cover: null, version: version + 1 });
    expect((await call(t, 'GET', cover?.url ?? '')).statusCode).toBe(404);
    const again = await call(t, 'DELETE', coverUrl(event), { as: organizer });
    expect(again.statusCode).toBe(200);
    expect(again.json().event).toMatchObject({ cover: null, version: version + 1 });
  });
});

describe('GET /api/images/:id', () => {
  it('serves the WebP to anyone, cacheable for a year, with an ETag and no cookie', async () => {
    const event = await buildEvent(t, organizer);
    const { cover } = (await putCover(event, { bytes: await solidImage('jpeg') })).json().event as EventView;
    const url = cover?.url ?? '';
    for (const as of [undefined, organizer]) {
      const response = await call(t, 'GET', url, { as });
      expect(response.statusCode).toBe(200);
      expect(response.headers).toMatchObject({
        'content-type': 'image/webp',
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
        'content-length': String(response.rawPayload.length),
        etag: expect.stringMatching(/^"[0-9a-f-]{36}"$/),
      });
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    const etag = String((await call(t, 'GET', url)).headers.etag);
    const revalidated = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.rawPayload.length).toBe(0);
  });

  it('answers 404 for an unknown image and 400 for a malformed id', async () => {
    const unknown = await call(t, 'GET', `/api/images/${crypto.randomUUID()}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['cache-control']).toBe('no-store');
    expect((await call(t, 'GET', '/api/images/nope')).statusCode).toBe(400);
  });
});
