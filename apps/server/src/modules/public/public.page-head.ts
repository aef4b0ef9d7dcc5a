import { escapeHtml } from '../../http/html-escape';
import { type EventRecord, presentCover } from '../events';
import { PREVIEW_HEIGHT, PREVIEW_WIDTH, previewImagePath } from './public.preview-image';
import { previewTextOf } from './public.preview-text';

/** The public page's address, the one every preview and calendar file names. */
export const publicPageUrl = (origin: string, eventId: string) => `${origin}/e/${eventId}`;

const meta = (attribute: 'name' | 'property', key: string, content: string | number) =>
  `<meta ${attribute}="${key}" content="${escapeHtml(String(content))}" />`;

/**
 * The tags a shared `/e/:id` link previews by (Open Graph, Twitter cards), for the page's <head>:
 * every value escaped, no script or style (the page's CSP stays as it is). The image is the
 * cover, or the generated one; its URL carries the version so a preview cache sees each edit.
 */
export function presentPageHead(event: EventRecord, origin: string): string {
  const text = previewTextOf(event);
  const url = publicPageUrl(origin, event.id);
  const cover = presentCover(event);
  const image = cover
    ? { url: `${origin}${cover.url}`, width: cover.width, height: cover.height, alt: `Cover image of ${text.title}` }
    : {
        url: `${origin}${previewImagePath(event.id)}?v=${event.version}`,
        width: PREVIEW_WIDTH,
        height: PREVIEW_HEIGHT,
        alt: `${text.title}: ${text.when} · ${text.place}`,
      };
  return [
    `<title>${escapeHtml(`${text.title} · Turnout`)}</title>`,
    meta('name', 'description', text.summary),
    `<link rel="canonical" href="${escapeHtml(url)}" />`,
    meta('property', 'og:type', 'website'),
    meta('property', 'og:site_name', 'Turnout'),
    meta('property', 'og:title', text.title),
    meta('property', 'og:description', text.summary),
    meta('property', 'og:url', url),
    meta('property', 'og:image', image.url),
    meta('property', 'og:image:width', image.width),
    meta('property', 'og:image:height', image.height),
    meta('property', 'og:image:alt', image.alt),
    meta('name', 'twitter:card', 'summary_large_image'),
    meta('name', 'twitter:title', text.title),
    meta('name', 'twitter:description', text.summary),
    meta('name', 'twitter:image', image.url),
    meta('name', 'twitter:image:alt', image.alt),
  ].join('\n    ');
}
