import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { images } from '../../db/schema';
import { buildEvent } from '../../test/builders/events';
import { buildUser, type TestUser } from '../../test/builders/users';
import { call } from '../../test/harness/api';
import { buildTestApp, type TestApp } from '../../test/harness/build-test-app';

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="description" content="Turnout: publish events, join them, and see every change live." />
    <title>Turnout</title>
    <script src="/theme-init.js"></script>
  </head>
  <body><div id="root"></div><script type="module" src="/assets/index-abc.js"></script></body>
</html>
`;

let t: TestApp;
let dist: string;
let organizer: TestUser;
beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'turnout-dist-'));
  writeFileSync(join(dist, 'index.html'), PAGE);
  t = await buildTestApp({ env: { WEB_DIST_DIR: dist } });
  organizer = await buildUser(t, { role: 'organizer' });
});
afterAll(async () => {
  await t.close();
  rmSync(dist, { recursive: true, force: true });
});

const page = (path: string) => t.app.inject({ method: 'GET', url: path });
/** The page's <head>, and the content of each of its meta tags by name or property (escaped as sent). */
function headOf(html: string) {
  const head = html.slice(0, html.indexOf('</head>'));
  const tags = new Map<string, string>();
  for (const [, key, content] of head.matchAll(/<meta (?:name|property)="([^"]+)" content="([^"]*)" \/>/g))
    tags.set(key ?? '', content ?? '');
  return { head, tag: (key: string) => tags.get(key) };
}

const hostileTitle = 'Board games </title><script>alert("x")</script> & “quotes” \'too\' 🎲';
const escaped = 'Board games &#60;/title&#62;&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; “quotes” &#39;too&#39; 🎲';

describe('GET /e/:id', () => {
  it('previews the event from its <head>: title, time in its zone, place, description, the generated image, all escaped', async () => {
    const event = await buildEvent(t, organizer, {
      title: hostileTitle,
      description: '## Plan\n\nBring a **game** and [snacks](https://example.test/s) <img src=x onerror=alert(1)>.',
      location: 'Community hall "East", room 3',
      startsAt: '2030-12-14T18:00:00.000Z',
      timezone: 'Europe/Berlin',
    });
    const response = await page(`/e/${event.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    // The headers every page gets are still there, and no script or style was added.
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.body.match(/<script/g)).toHaveLength(2);
    expect(response.body).not.toContain('<script>alert');
    expect(response.body).not.toContain('<img');

    const { head, tag } = headOf(response.body);
    expect(head.match(/<title>/g)).toHaveLength(1);
    expect(head).toContain(`<title>${escaped} · Turnout</title>`);
    expect(head).not.toContain('see every change live');
    const summary = 'Sat 14 Dec 2030, 19:00 CET · Community hall &#34;East&#34;, room 3 — Plan Bring a game and snacks .';
    expect(tag('description')).toBe(summary);
    expect(tag('og:description')).toBe(summary);
    expect(tag('twitter:description')).toBe(summary);
    expect(tag('og:title')).toBe(escaped);
    expect(tag('twitter:title')).toBe(escaped);
    expect(tag('og:type')).toBe('website');
    expect(tag('og:site_name')).toBe('Turnout');
    const url = `http://turnout.test/e/${event.id}`;
    expect(tag('og:url')).toBe(url);
    expect(head).toContain(`<link rel="canonical" href="${url}" />`);
    const image = `http://turnout.test/api/public/events/${event.id}/preview.png?v=${event.version}`;
    expect(tag('og:image')).toBe(image);
    expect(tag('twitter:image')).toBe(image);
    expect([tag('og:image:width'), tag('og:image:height')]).toEqual(['1200', '630']);
    expect(tag('og:image:alt')).toContain(escaped);
    expect(tag('twitter:card')).toBe('summary_large_image');
  });

  it('says the time on the event’s own clock with that zone’s abbreviation, and an online event’s label, never its link', async () => {
    const event = await buildEvent(t, organizer, {
      title: 'Late call',
      description: '',
      startsAt: '2030-07-06T23:30:00.000Z',
      timezone: 'America/New_York',
      locationType: 'online',
      location: 'Zoom',
      onlineUrl: 'https://meet.example.test/j/secret',
    });
    const response = await page(`/e/${event.id}`);
    expect(headOf(response.body).tag('og:description')).toBe('Sat 6 Jul 2030, 19:30 EDT · Zoom');
    expect(response.body).not.toContain('meet.example.test');

    const tba = await buildEvent(t, organizer, {
      location: '',
      description: '',
      startsAt: '2030-01-02T09:00:00.000Z',
      timezone: 'Asia/Tokyo',
    });
    expect(headOf((await page(`/e/${tba.id}`)).body).tag('og:description')).toBe('Wed 2 Jan 2030, 18:00 GMT+9 · Place to be announced');
  });

  it('names the cover, with its size, when the event has one', async () => {
    const event = await buildEvent(t, organizer, { title: 'With a cover' });
    const [cover] = await t.db.database.db
      .insert(images)
      .values({
        eventId: event.id,
        contentType: 'image/webp',
        bytes: Buffer.from('not really'),
        width: 1600,
        height: 800,
        color: '#336699',
      })
      .returning({ id: images.id });
    const { tag } = headOf((await page(`/e/${event.id}`)).body);
    expect(tag('og:image')).toBe(`http://turnout.test/api/images/${cover?.id}`);
    expect(tag('twitter:image')).toBe(tag('og:image'));
    expect([tag('og:image:width'), tag('og:image:height')]).toEqual(['1600', '800']);
    expect(tag('og:image:alt')).toBe('Cover image of With a cover');
  });

  it('is the plain page with status 404 for an unknown or malformed id', async () => {
    for (const path of [`/e/${crypto.randomUUID()}`, '/e/not-an-id', "/e/1'%20or%201=1"]) {
      const response = await page(path);
      expect(response.statusCode, path).toBe(404);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.body).toBe(PAGE);
    }
  });
});

describe('GET /api/public/events/:id/preview.png', () => {
  const preview = (id: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: `/api/public/events/${id}/preview.png`, headers });

  it('is a 1200 × 630 PNG, cached for five minutes under an ETag that follows the event’s version', async () => {
    const event = await buildEvent(t, organizer, { title: hostileTitle });
    const response = await preview(event.id);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(response.rawPayload.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const { width, height, format } = await sharp(response.rawPayload).metadata();
    expect({ width, height, format }).toEqual({ width: 1200, height: 630, format: 'png' });

    const etag = String(response.headers.etag);
    expect(etag).toContain(event.id);
    const again = await preview(event.id, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);

    const edited = await call(t, 'PATCH', `/api/events/${event.id}`, { as: organizer, body: { title: 'Renamed', version: event.version } });
    expect(edited.statusCode).toBe(200);
    const renamed = await preview(event.id, { 'if-none-match': etag });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.headers.etag).not.toBe(etag);
    expect(renamed.rawPayload.equals(response.rawPayload)).toBe(false);
  });

  it('answers 404 for an unknown event and 400 for a malformed id', async () => {
    expect((await preview(crypto.randomUUID())).statusCode).toBe(404);
    expect((await preview('nope')).statusCode).toBe(400);
  });
});
