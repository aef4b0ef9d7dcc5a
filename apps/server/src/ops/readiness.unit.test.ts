import { describe, expect, it } from 'vitest';
import { createReadinessCheck } from './readiness';

const database = (up: boolean) => ({ ping: () => (up ? Promise.resolve() : Promise.reject(new Error('down'))) });

describe('readiness', () => {
  it('depends on the database, and reports Redis without depending on it', async () => {
    expect(await createReadinessCheck(database(true), { status: 'ready' }).run()).toEqual({
      ready: true,
      status: 'ok',
      checks: { database: 'ok', redis: 'ok' },
    });
    expect(await createReadinessCheck(database(true), { status: 'reconnecting' }).run()).toEqual({
      ready: true,
      status: 'ok',
      checks: { database: 'ok', redis: 'unavailable' },
    });
    expect(await createReadinessCheck(database(false), undefined).run()).toEqual({
      ready: false,
      status: 'unavailable',
      checks: { database: 'unavailable' },
    });
  });

  it('answers "draining", not ready, from the moment the shutdown begins', async () => {
    const readiness = createReadinessCheck(database(true), undefined);
    readiness.beginDrain();
    expect(readiness.draining).toBe(true);
    expect(await readiness.run()).toMatchObject({ ready: false, status: 'draining', checks: { database: 'ok' } });
  });
});
