import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventInput } from '../../test/builders/events';
import { buildUser, type TestUser } from '../../test/builders/users';
import { call } from '../../test/harness/api';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';

let t: TestApp;
let owner: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  owner = await buildUser(t, { role: 'organizer' });
});
afterAll(() => t.close());

// The web app's picker offers today's names (Europe/Kyiv) even where the runtime lists the old
// ones (Node 20's ICU lists Europe/Kiev); events and settings saved under old names stay valid.
describe('time zone names', () => {
  it.each(['Europe/Kyiv', 'Asia/Kolkata', 'Asia/Ho_Chi_Minh', 'America/Argentina/Buenos_Aires', 'America/Nuuk', 'Pacific/Kanton'])(
    'accepts today’s spelling %s for an event and for the reader’s setting',
    async (timezone) => {
      const created = await call(t, 'POST', '/api/events', { as: owner, body: eventInput({ timezone }) });
      expect(created.statusCode).toBe(201);
      expect(created.json().event.timezone).toBe(timezone);
      const saved = await call(t, 'PATCH', '/api/me/preferences', { as: owner, body: { timezone } });
      expect(saved.statusCode).toBe(200);
    },
  );

  it('keeps an old spelling as it was given', async () => {
    const created = await call(t, 'POST', '/api/events', { as: owner, body: eventInput({ timezone: 'Europe/Kiev' }) });
    expect(created.statusCode).toBe(201);
    expect(created.json().event.timezone).toBe('Europe/Kiev');
  });
});
