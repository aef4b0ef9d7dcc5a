import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import type { EventView } from '@turnout/contracts';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { images } from '../../db/schema';
import { buildEvent } from '../../test/builders/events';
import { halvesImage, multipartBody, solidImage } from '../../test/builders/images';
import { buildUser, type TestUser } from '../../test/builders/users';
import { ORIGIN } from '../../test/harness/api';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';

// Multipart bodies a browser would never send: each is a 4xx in the error shape, nothing stored.
let t: TestApp;
let organizer: TestUser;
let event: EventView;
beforeAll(async () => {
  t = await buildTestApp();
  organizer = await buildUser(t, { role: 'organizer' });
  event = await buildEvent(t, organizer);
});
afterAll(() => t.close());

const send = (payload: Buffer | string, contentType: string) =>
  t.app.inject({
    method: 'PUT',
    url: `/api/events/${event.id}/cover`,
    headers: { origin: ORIGIN, cookie: organizer.cookie, 'content-type': contentType },
    payload,
  });
const storedImages = async () => (await t.db.database.db.select({ id: images.id }).from(images).where(eq(images.eventId, event.id))).length;

function part(boundary: string, headers: string, body: Buffer | string) {
  return Buffer.concat([Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`), Buffer.from(body), Buffer.from('\r\n')]);
}

describe('hostile multipart bodies', () => {
  it.each([
    ['no boundary', async () => ({ payload: 'whatever', contentType: 'multipart/form-data' })],
    ['garbage after the boundary', async () => ({ payload: 'not a part at all', contentType: 'multipart/form-data; boundary=xyz' })],
    [
      'two files',
      async () => {
        const jpeg = await solidImage('jpeg', 64, 64);
        const file = (name: string) =>
          part('b0', `Content-Disposition: form-data; name="${name}"; filename="a.jpg"\r\nContent-Type: image/jpeg`, jpeg);
        return {
          payload: Buffer.concat([file('file'), file('other'), Buffer.from('--b0--\r\n')]),
          contentType: 'multipart/form-data; boundary=b0',
        };
      },
    ],
    [
      'a field named __proto__',
      async () => {
        const jpeg = await solidImage('jpeg', 64, 64);
        const payload = Buffer.concat([
          part('b4', 'Content-Disposition: form-data; name="__proto__"', '1'),
          part('b4', 'Content-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg', jpeg),
          Buffer.from('--b4--\r\n'),
        ]);
        return { payload, contentType: 'multipart/form-data; boundary=b4' };
      },
    ],
    [
      'dozens of fields',
      async () => {
        const fields = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}`, 'x']));
        const body = multipartBody(fields, { bytes: await solidImage('jpeg', 64, 64) });
        return { payload: body.payload, contentType: body.contentType };
      },
    ],
    [
      'a crop field past its size limit',
      async () => {
        const fields = { x: '0'.repeat(200), y: '0', width: '10', height: '10' };
        const body = multipartBody(fields, { bytes: await solidImage('jpeg', 64, 64) });
        return { payload: body.payload, contentType: body.contentType };
      },
    ],
    [
      'a crop field that claims to be broken JSON',
      async () => {
        const payload = Buffer.concat([
          part('b1', 'Content-Disposition: form-data; name="x"\r\nContent-Type: application/json', '{nope'),
          Buffer.from('--b1--\r\n'),
        ]);
        return { payload, contentType: 'multipart/form-data; boundary=b1' };
      },
    ],
    [
      'a file cut off before its closing boundary',
      async () => {
        const jpeg = await solidImage('jpeg', 64, 64);
        return {
          payload: part('b2', 'Content-Disposition: form-data; name="file"; filename="a.jpg"', jpeg).subarray(0, 200),
          contentType: 'multipart/form-data; boundary=b2',
        };
      },
    ],
  ])('%s → 4xx in the error shape, nothing stored', async (_what, body) => {
    const { payload, contentType } = await body();
    const response = await send(payload, contentType);
    expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    expect(await storedImages()).toBe(0);
  });

  it('takes the crop fields after the file as well as before it', async () => {
    const bytes = await (await halvesImage(800, 400)).png().toBuffer();
    const boundary = 'b3';
    const field = (name: string, value: string) => part(boundary, `Content-Disposition: form-data; name="${name}"`, value);
    const payload = Buffer.concat([
      part(boundary, 'Content-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png', bytes),
      field('x', '400'),
      field('y', '0'),
      field('width', '400'),
      field('height', '200'),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
    const response = await send(payload, `multipart/form-data; boundary=${boundary}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().event.cover.color).toMatch(/^#0.0.f.$/);
    await t.app.inject({ method: 'DELETE', url: `/api/events/${event.id}/cover`, headers: { origin: ORIGIN, cookie: organizer.cookie } });
  });

  it('never answers 5xx to generated bytes in a multipart body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), fc.boolean(), async (bytes, wrapped) => {
        const body = wrapped
          ? multipartBody({}, { bytes: Buffer.from(bytes) })
          : { payload: Buffer.from(bytes), contentType: 'multipart/form-data; boundary=fuzz' };
        const response = await send(body.payload, body.contentType);
        expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    expect(await storedImages()).toBe(0);
  });

  it('survives a client that hangs up halfway through an upload, and goes on serving', async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as AddressInfo;
    const { payload, contentType } = multipartBody({}, { bytes: await solidImage('png', 800, 800) });
    await new Promise<void>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `PUT /api/events/${event.id}/cover HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${ORIGIN}\r\nCookie: ${organizer.cookie}\r\n` +
            `Content-Type: ${contentType}\r\nContent-Length: ${payload.length}\r\n\r\n`,
        );
        socket.write(payload.subarray(0, Math.floor(payload.length / 2)), () => {
          socket.destroy();
          resolve();
        });
      });
      socket.on('error', reject);
    });
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await storedImages()).toBe(0);
  });
});
