import sharp from 'sharp';
import { escapeHtml } from '../../http/html-escape';
import type { PreviewText } from './public.preview-text';

/** The size link previews ask for (Open Graph's and Twitter's large card): 1.91:1. */
export const PREVIEW_WIDTH = 1200;
export const PREVIEW_HEIGHT = 630;
/** Raise it when the picture's design changes: it is part of the ETag, so caches take the new one. */
export const PREVIEW_DESIGN = 1;

export const previewImagePath = (eventId: string) => `/api/public/events/${eventId}/preview.png`;

// The brand's light palette (apps/web/src/styles/tokens.css).
const colors = { primary: '#4f46e5', primaryHover: '#4338ca', primarySoft: '#eef0ff', onPrimary: '#ffffff' };
const MARGIN = 80;
const TEXT_WIDTH = PREVIEW_WIDTH - 2 * MARGIN;

/**
 * A character's advance in em, roughly as a sans-serif draws it: no font metrics are at hand, and
 * a line a little short beats one that runs off the picture.
 */
function advance(char: string): number {
  if (/[\s.,:;'!|il]/.test(char)) return 0.34;
  if (/[mwMW@]/.test(char)) return 0.92;
  if (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(char)) return 1;
  if (/[A-Z0-9]/.test(char)) return 0.72;
  return 0.6;
}

const widthOf = (text: string, size: number, bold = false) => {
  let em = 0;
  for (const char of text) em += advance(char);
  return em * size * (bold ? 1.06 : 1);
};

/** `text` cut to fit `width`, "…" added when anything was cut. */
function fitLine(text: string, width: number, size: number, bold = false): string {
  if (widthOf(text, size, bold) <= width) return text;
  const chars = [...text];
  while (chars.length > 0 && widthOf(`${chars.join('')}…`, size, bold) > width) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/** Words into lines of at most `width`, at most `maxLines` of them, the last one "…" when words were left over. */
export function wrapLines(text: string, width: number, size: number, maxLines: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  const words = text.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const candidate = line ? `${line} ${word}` : word;
    if (widthOf(candidate, size, bold) <= width || !line) {
      line = candidate;
      continue;
    }
    lines.push(line);
    line = word;
    if (lines.length === maxLines) {
      lines[maxLines - 1] = fitLine(`${lines[maxLines - 1]} ${words.slice(i).join(' ')}`, width, size, bold);
      return lines.map((l) => fitLine(l, width, size, bold));
    }
  }
  if (line) lines.push(line);
  return lines.map((l) => fitLine(l, width, size, bold));
}

/** The largest title size whose lines hold the whole title, else the smallest with "…". */
function titleLayout(title: string): { size: number; lines: string[] } {
  for (const [size, maxLines] of [
    [76, 2],
    [64, 3],
  ] as const) {
    const lines = wrapLines(title, TEXT_WIDTH, size, maxLines + 1, true);
    if (lines.length <= maxLines) return { size, lines };
  }
  return { size: 54, lines: wrapLines(title, TEXT_WIDTH, 54, 3, true) };
}

/**
 * Text as the picture can show it: without emoji (the image's fonts have none, and a colour emoji
 * font is tens of MB) and without characters XML forbids; the title as given if nothing else is left.
 */
function drawable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids, matched to be removed.
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
  const plain = clean
    .replace(/\p{Extended_Pictographic}|[\u200d\ufe0f\u{1f3fb}-\u{1f3ff}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain || clean;
}

/**
 * The picture of an event without a cover, as SVG: the brand's colours, the mark and "Turnout",
 * the title over up to three lines, then when (on the event's clock) and where. Every piece of
 * text is XML-escaped; the font is the generic sans-serif, whatever fontconfig finds for it.
 */
export function previewSvg(text: Pick<PreviewText, 'title' | 'when' | 'place'>): string {
  const title = titleLayout(drawable(text.title));
  const lineHeight = Math.round(title.size * 1.18);
  const titleTop = 300 - ((title.lines.length - 1) * lineHeight) / 2;
  const titleLines = title.lines
    .map((line, i) => `<tspan x="${MARGIN}" y="${Math.round(titleTop + i * lineHeight)}">${escapeHtml(line)}</tspan>`)
    .join('');
  const when = escapeHtml(fitLine(drawable(text.when), TEXT_WIDTH, 34));
  const place = escapeHtml(fitLine(drawable(text.place), TEXT_WIDTH, 34));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${PREVIEW_WIDTH}" height="${PREVIEW_HEIGHT}" viewBox="0 0 ${PREVIEW_WIDTH} ${PREVIEW_HEIGHT}">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="${colors.primary}" />
      <stop offset="1" stop-color="${colors.primaryHover}" />
    </linearGradient>
  </defs>
  <rect width="${PREVIEW_WIDTH}" height="${PREVIEW_HEIGHT}" fill="url(#bg)" />
  <circle cx="1130" cy="40" r="230" fill="${colors.onPrimary}" fill-opacity="0.06" />
  <circle cx="1180" cy="610" r="150" fill="${colors.onPrimary}" fill-opacity="0.05" />
  <g transform="translate(${MARGIN} 64) scale(1.75)">
    <rect width="32" height="32" rx="8" fill="${colors.onPrimary}" />
    <path d="M9 11h14M16 11v12" stroke="${colors.primary}" stroke-width="3.2" stroke-linecap="round" fill="none" />
    <circle cx="23" cy="22" r="2.4" fill="${colors.primary}" />
  </g>
  <text x="${MARGIN + 76}" y="106" font-family="sans-serif" font-size="38" font-weight="700" fill="${colors.onPrimary}">Turnout</text>
  <text font-family="sans-serif" font-size="${title.size}" font-weight="700" fill="${colors.onPrimary}">${titleLines}</text>
  <rect x="${MARGIN}" y="462" width="72" height="6" rx="3" fill="${colors.primarySoft}" fill-opacity="0.7" />
  <text x="${MARGIN}" y="520" font-family="sans-serif" font-size="34" fill="${colors.primarySoft}">${when}</text>
  <text x="${MARGIN}" y="570" font-family="sans-serif" font-size="34" fill="${colors.primarySoft}">${place}</text>
</svg>`;
}

/** The picture as a PNG of PREVIEW_WIDTH × PREVIEW_HEIGHT. */
export const renderPreviewPng = (text: Pick<PreviewText, 'title' | 'when' | 'place'>): Promise<Buffer> =>
  sharp(Buffer.from(previewSvg(text)))
    .png({ compressionLevel: 9, palette: false })
    .toBuffer();
