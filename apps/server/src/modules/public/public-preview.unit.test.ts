import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { EventRecord } from '../events';
import { PREVIEW_HEIGHT, PREVIEW_WIDTH, previewSvg, renderPreviewPng, wrapLines } from './public.preview-image';
import { formatEventStart, previewTextOf } from './public.preview-text';

describe('formatEventStart', () => {
  it('reads the start on the event’s own clock, its zone abbreviated as people there say it', () => {
    expect(formatEventStart('2026-12-12T18:00:00.000Z', 'Europe/Berlin')).toBe('Sat 12 Dec 2026, 19:00 CET');
    expect(formatEventStart('2026-06-12T17:00:00.000Z', 'Europe/Berlin')).toBe('Fri 12 Jun 2026, 19:00 CEST');
    expect(formatEventStart('2026-06-12T17:00:00.000Z', 'Europe/London')).toBe('Fri 12 Jun 2026, 18:00 BST');
    expect(formatEventStart('2026-12-12T18:00:00.000Z', 'America/New_York')).toBe('Sat 12 Dec 2026, 13:00 EST');
    expect(formatEventStart('2026-12-12T18:00:00.000Z', 'America/Los_Angeles')).toBe('Sat 12 Dec 2026, 10:00 PST');
    expect(formatEventStart('2026-12-12T18:00:00.000Z', 'UTC')).toBe('Sat 12 Dec 2026, 18:00 UTC');
  });

  it('falls back to the offset where no abbreviation is in use, and crosses the date line', () => {
    expect(formatEventStart('2026-12-12T18:00:00.000Z', 'Asia/Tokyo')).toBe('Sun 13 Dec 2026, 03:00 GMT+9');
    expect(formatEventStart('2026-12-12T18:00:00.000Z', 'Asia/Kolkata')).toBe('Sat 12 Dec 2026, 23:30 GMT+5:30');
  });
});

const record = (overrides: Partial<EventRecord>): EventRecord =>
  ({
    id: '00000000-0000-4000-8000-0000000000b1',
    title: 'Board games',
    description: '',
    locationType: 'venue',
    location: 'Hall 2',
    onlineUrl: null,
    startsAt: '2026-12-12T18:00:00.000Z',
    timezone: 'Europe/Berlin',
    ...overrides,
  }) as EventRecord;

describe('previewTextOf', () => {
  it('says when and where, then the description as plain text cut near 200 characters', () => {
    const long = `**Bring** [a game](https://example.test). ${'More words here. '.repeat(30)}`;
    const text = previewTextOf(record({ description: long }));
    expect(text.when).toBe('Sat 12 Dec 2026, 19:00 CET');
    expect(text.summary.startsWith('Sat 12 Dec 2026, 19:00 CET · Hall 2 — Bring a game. More words')).toBe(true);
    expect(text.summary).not.toContain('example.test');
    const description = text.summary.slice(text.summary.indexOf('— ') + 2);
    expect(description.length).toBeLessThanOrEqual(200);
    expect(description).toMatch(/\w…$/);
  });

  it('never names the join link', () => {
    const text = previewTextOf(record({ locationType: 'online', location: '', onlineUrl: 'https://meet.example.test/j/1' }));
    expect(text).toMatchObject({ place: 'Online', summary: 'Sat 12 Dec 2026, 19:00 CET · Online' });
    expect(JSON.stringify(text)).not.toContain('meet.example');
  });
});

describe('wrapLines', () => {
  it('breaks at words, keeps to its line count, and says when it cut', () => {
    const lines = wrapLines('one two three four five six seven eight nine ten', 300, 40, 2);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^one two/);
    expect(lines[1]).toMatch(/…$/);
    expect(wrapLines('short', 1000, 40, 3)).toEqual(['short']);
    // A word too long for any line is cut rather than run off the picture.
    expect(wrapLines('x'.repeat(200), 300, 40, 3)[0]).toMatch(/^x+…$/);
  });
});

const hostile = { title: 'Bad </text><script>alert("x")</script> & \u0007 🎉 party', when: 'Sat <1>', place: 'Café "Kiez" & co' };

describe('previewSvg', () => {
  it('escapes every piece of text, drops what XML forbids and emoji the fonts cannot draw', () => {
    const svg = previewSvg(hostile);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('</text><script');
    expect(svg).toContain('&#60;script&#62;');
    expect(svg).toContain('Café &#34;Kiez&#34; &#38; co');
    expect(svg).toContain('Sat &#60;1&#62;');
    expect(svg).not.toContain('\u0007');
    expect(svg).not.toContain('🎉');
    expect(svg).toContain('font-family="sans-serif"');
    expect(svg).toContain('>Turnout</text>');
  });

  it('keeps a title of emoji alone rather than drawing nothing', () => {
    expect(previewSvg({ ...hostile, title: '🎉🎉' })).toContain('🎉🎉');
  });
});

describe('renderPreviewPng', () => {
  it('is a PNG of 1200 × 630', async () => {
    const png = await renderPreviewPng(hostile);
    const { width, height, format } = await sharp(png).metadata();
    expect({ width, height, format }).toEqual({ width: PREVIEW_WIDTH, height: PREVIEW_HEIGHT, format: 'png' });
  });

  it('still renders where no font is installed (the shapes, without text)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'turnout-nofonts-'));
    try {
      const config = join(dir, 'fonts.conf');
      writeFileSync(config, `<?xml version="1.0"?><fontconfig><dir>${dir}/none</dir><cachedir>${dir}/cache</cachedir></fontconfig>`);
      writeFileSync(join(dir, 'preview.svg'), previewSvg(hostile));
      // A process of its own: fontconfig reads its configuration once per process.
      const script = `import sharp from 'sharp';
        const png = await sharp(${JSON.stringify(join(dir, 'preview.svg'))}).png().toBuffer();
        const { width, height } = await sharp(png).metadata();
        process.stdout.write(JSON.stringify({ width, height }));`;
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: join(import.meta.dirname, '..', '..', '..'),
        env: { ...process.env, FONTCONFIG_FILE: config },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      expect(JSON.parse(out)).toEqual({ width: PREVIEW_WIDTH, height: PREVIEW_HEIGHT });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
