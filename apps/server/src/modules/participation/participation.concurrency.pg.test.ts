import { afterAll, beforeAll, describe, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/build-test-app';
import { joinRush } from '../../test/contention';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

// PRODUCT.md §6: 1 000 simultaneous joins on a 100-seat event, on PostgreSQL, through the HTTP API.
describe('1000 joiners on a 100-seat event, over two app instances', () => {
  it('seats exactly 100, waitlists 900 in arrival order, and 50 leaves promote the first 50', { timeout: 180_000 }, async () => {
    await joinRush(t, { joiners: 1000, capacity: 100, leaves: 50, inFlight: 100 });
  });
});
