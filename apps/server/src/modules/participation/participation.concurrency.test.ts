import { afterAll, beforeAll, describe, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/build-test-app';
import { joinRush } from '../../test/contention';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('joins at once over HTTP on two app instances', () => {
  it('seat exactly the capacity, queue the rest in order, and leaves promote the head of the queue', async () => {
    await joinRush(t, { joiners: 60, capacity: 10, leaves: 5, inFlight: 20 });
  });
});
