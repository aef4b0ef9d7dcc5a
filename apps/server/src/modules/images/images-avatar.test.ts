import { AVATAR_SIZE } from '@turnout/contracts';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { images } from '../../db/schema';
import { buildEvent } from '../../test/builders/events';
import { solidImage, uploadImage } from '../../test/builders/images';
import { buildUser, type TestUser } from '../../test/builders/users';
import { call, join, ORIGIN } from '../../test/harness/api';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const putAvatar = async (user: TestUser | undefined, bytes?: Buffer) =>
  uploadImage(t, '/api/me/avatar', { ...(user ? { as: user } : {}), file: { bytes: bytes ?? (await solidImage('jpeg')) } });
const me = async (user: TestUser) => (await call(t, 'GET', '/api/auth/me', { as: user })).json().user;
const avatarsOf = async (user: TestUser) =>
  (await t.db.database.db.select({ id: images.id }).from(images).where(eq(images.userId, user.user.id))).length;

/** Another session of the same user, as logging in on a second device gives. */
async function secondSession(user: TestUser): Promise<TestUser> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: ORIGIN },
    payload: { name: user.user.name, password: user.password },
  });
  const cookie = response.cookies[0];
  if (!cookie) throw new Error('login set no cookie');
  return { ...user, cookie: `${cookie.name}=${cookie.value}` };
}

describe('PUT /api/me/avatar', () => {
  it('answers my account with the new avatar, which /api/auth/me shows at once in every session of mine', async () => {
    const user = await buildUser(t);
    const other = await secondSession(user);
    // Both sessions are in the session cache now, with no avatar.
    expect((await me(user)).avatarUrl).toBeNull();
    expect((await me(other)).avatarUrl).toBeNull();

    const response = await putAvatar(user);
    expect(response.statusCode, response.body).toBe(200);
    const { avatarUrl } = response.json().user;
    expect(avatarUrl).toMatch(/^\/api\/images\/[0-9a-f-]{36}$/);
    expect(response.json().account).toMatchObject({ email: user.email });
    expect((await me(user)).avatarUrl).toBe(avatarUrl);
    expect((await me(other)).avatarUrl).toBe(avatarUrl);

    const image = await call(t, 'GET', avatarUrl);
    expect(image.headers['content-type']).toBe('image/webp');
    expect(await sharp(image.rawPayload).metadata()).toMatchObject({ format: 'webp', width: AVATAR_SIZE, height: AVATAR_SIZE });
  });

  it('replaces the avatar: the old URL is gone', async () => {
    const user = await buildUser(t);
    const first = (await putAvatar(user)).json().user.avatarUrl;
    const second = (await putAvatar(user, await solidImage('png', 300, 300, '#ffb703'))).json().user.avatarUrl;
    expect(second).not.toBe(first);
    expect((await call(t, 'GET', first)).statusCode).toBe(404);
    expect((await call(t, 'GET', second)).statusCode).toBe(200);
    expect(await avatarsOf(user)).toBe(1);
  });

  it('takes two uploads at once in turn: both answered, one avatar kept', async () => {
    const user = await buildUser(t);
    const [a, b] = await Promise.all([putAvatar(user), putAvatar(user, await solidImage('webp', 200, 200, '#8338ec'))]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(await avatarsOf(user)).toBe(1);
  });

  it('shows beside my name in the organizer’s attendee list', async () => {
    const organizer = await buildUser(t, { role: 'organizer' });
    const event = await buildEvent(t, organizer);
    const user = await buildUser(t);
    await join(t, user, event.id);
    const { avatarUrl } = (await putAvatar(user)).json().user;
    const attendees = (await call(t, 'GET', `/api/events/${event.id}/attendees`, { as: organizer })).json();
    expect(attendees.joined).toEqual([expect.objectContaining({ userId: user.user.id, avatarUrl })]);
  });

  it('refuses what is not a JPEG, PNG or WebP with 415 and anonymous uploads with 401, keeping the avatar', async () => {
    const user = await buildUser(t);
    const { avatarUrl } = (await putAvatar(user)).json().user;
    const refused = await putAvatar(user, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'));
    expect(refused.statusCode).toBe(415);
    expect((await putAvatar(undefined)).statusCode).toBe(401);
    expect((await me(user)).avatarUrl).toBe(avatarUrl);
    expect(await avatarsOf(user)).toBe(1);
  });
});

describe('DELETE /api/me/avatar', () => {
  it('removes it (pages show initials again), and answers the same when there is none', async () => {
    const user = await buildUser(t);
    const { avatarUrl } = (await putAvatar(user)).json().user;
    const removed = await call(t, 'DELETE', '/api/me/avatar', { as: user });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().user.avatarUrl).toBeNull();
    expect((await me(user)).avatarUrl).toBeNull();
    expect((await call(t, 'GET', avatarUrl)).statusCode).toBe(404);
    const again = await call(t, 'DELETE', '/api/me/avatar', { as: user });
    expect(again.statusCode).toBe(200);
    expect(again.json().user.avatarUrl).toBeNull();
    expect((await call(t, 'DELETE', '/api/me/avatar')).statusCode).toBe(401);
  });
});
