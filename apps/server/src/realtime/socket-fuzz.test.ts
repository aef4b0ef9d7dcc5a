import type { AddressInfo } from 'node:net';
import { ClientSchemas } from '@turnout/contracts';
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent } from '../test/builders/events';
import { buildUser, type TestUser } from '../test/builders/users';
import { ORIGIN } from '../test/harness/api';
import { buildTestApp, type TestApp } from '../test/harness/build-test-app';
import { hostileText } from '../test/harness/hostile';

// The socket event map's every client message, and names outside it, with generated payloads over
// real sockets: the server drops the offender or ignores it, and always goes on serving everyone.

const RUNS = 300;

let t: TestApp;
let base: string;
let user: TestUser;
let eventId: string;
beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  user = await buildUser(t);
  eventId = (await buildEvent(t, await buildUser(t, { role: 'organizer' }))).id;
});
afterAll(() => t.close());

const open = (): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const socket = io(base, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { cookie: user.cookie, origin: ORIGIN },
      reconnection: false,
      forceNew: true,
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });

const payload: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ eventId: fc.oneof(fc.uuid(), hostileText, fc.integer(), fc.constant(null)) }, { requiredKeys: [] }),
  fc.record({ eventId: fc.constant('00000000-0000-4000-8000-000000000000'), extra: fc.string({ maxLength: 6_000 }) }),
  fc.anything({ maxDepth: 3 }),
  hostileText,
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
);

const message = fc.record({
  name: fc.oneof(
    fc.constantFrom(...Object.keys(ClientSchemas)),
    fc.constantFrom('connect', 'disconnect', 'error', 'event:deleted', '__proto__'),
    fc.string({ maxLength: 30 }),
  ),
  args: fc.array(payload, { minLength: 0, maxLength: 3 }),
  ack: fc.boolean(),
});

describe('generated client messages', () => {
  it(`are refused or ignored, and the server goes on serving (${RUNS} messages)`, { timeout: 300_000 }, async () => {
    let socket = await open();
    let dropped = 0;
    await fc.assert(
      fc.asyncProperty(message, async ({ name, args, ack }) => {
        if (!socket.connected) {
          dropped += 1;
          socket = await open();
        }
        const sent = ack ? [...args, () => {}] : args;
        // Names the client library itself reserves throw locally: they never reach the server.
        try {
          socket.emit(name, ...sent);
        } catch {
          return;
        }
        // A round trip through the server before the next message: it has handled this one.
        await new Promise((resolve) => setTimeout(resolve, 5));
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    socket.close();
    // Offenders were dropped along the way, not everyone ignored them.
    expect(dropped).toBeGreaterThan(RUNS / 10);

    // A well-behaved client is served as ever: it watches an event and hears the count.
    const fresh = await open();
    const heard = new Promise<unknown>((resolve) => fresh.once('presence:changed', resolve));
    fresh.emit('presence:watch', { eventId });
    expect(await heard).toEqual({ eventId, viewers: 1 });
    fresh.close();
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
