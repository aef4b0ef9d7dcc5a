import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent } from '../test/builders/events';
import { buildUser } from '../test/builders/users';
import { join, leave, ORIGIN } from '../test/harness/api';
import { buildTestApp, type TestApp } from '../test/harness/build-test-app';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { RATE_LIMIT_AUTH: '3' } });
});
afterAll(() => t.close());

/** The value of one series, e.g. `turnout_join_outcomes_total{outcome="joined"}`. */
async function value(series: string): Promise<number> {
  const text = await t.app.metrics.registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('operating metrics', () => {
  it('count join outcomes and the broadcasts they cause, once each', async () => {
    const organizer = await buildUser(t, { role: 'organizer' });
    const [first, second] = [await buildUser(t), await buildUser(t)];
    const event = await buildEvent(t, organizer, { capacity: 1 });
    const broadcastsBefore = await value('turnout_broadcasts_total{event="participation:changed"}');

    expect((await join(t, first, event.id)).statusCode).toBe(200);
    expect((await join(t, second, event.id)).statusCode).toBe(200);
    expect((await join(t, second, event.id)).statusCode).toBe(200); // again: nothing changes
    expect((await leave(t, first, event.id)).statusCode).toBe(200);

    expect(await value('turnout_join_outcomes_total{outcome="joined"}')).toBe(1);
    expect(await value('turnout_join_outcomes_total{outcome="waitlisted"}')).toBe(1);
    expect(await value('turnout_join_outcomes_total{outcome="promoted"}')).toBe(1);
    expect(await value('turnout_broadcasts_total{event="participation:changed"}')).toBe(broadcastsBefore + 3);
  });

  it('report the job queue: each kind by state, read at scrape time, and runs by outcome', async () => {
    // Every process enqueues a cleanup when it starts; this one works it.
    const deadline = Date.now() + 20_000;
    while ((await value('turnout_job_runs_total{queue="jobs.cleanup",outcome="completed"}')) < 1) {
      if (Date.now() > deadline) throw new Error('the start-up cleanup did not run');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const text = await t.app.metrics.registry.metrics();
    for (const state of ['queued', 'running', 'failed']) {
      expect(text).toContain(`turnout_jobs{queue="jobs.cleanup",state="${state}"} 0`);
    }
  });

  it('count rate-limit rejections by limiter, and time requests by route and status', async () => {
    for (let i = 0; i < 5; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin: ORIGIN, 'x-forwarded-for': '203.0.113.9' },
        payload: { name: 'nobody_here', password: 'wrong password' },
      });
    }
    expect(await value('turnout_rate_limit_rejections_total{limiter="auth"}')).toBeGreaterThanOrEqual(1);
    expect(
      await value('turnout_http_request_duration_seconds_count{method="POST",route="/api/auth/login",status="429"}'),
    ).toBeGreaterThanOrEqual(1);
  });
});
