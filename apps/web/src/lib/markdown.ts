import type { DOMPurify } from 'dompurify';
import type { Marked, MarkedExtension, Token, Tokens } from 'marked';

/** Markdown source → sanitised HTML, safe to put into the page. */
export type RenderMarkdown = (source: string) => string;

/**
 * What a description may become (docs/product.md §11): text, emphasis, links, lists, headings,
 * code, quotes and tables. No images, raw HTML, iframes, forms or styles: anything else is dropped.
 */
const ALLOWED_TAGS = [
  'p',
  'br',
  'strong',
  'em',
  'del',
  'a',
  'ul',
  'ol',
  'li',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'code',
  'pre',
  'blockquote',
  'hr',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];
const ALLOWED_ATTR = ['href', 'title', 'start'];
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
/** Someone else's link on our page: a new tab that cannot reach back (noopener), and no endorsement (nofollow ugc). */
export const LINK_REL = 'noopener noreferrer nofollow ugc';

/** Whether a link may be followed from a description: absolute http(s) and mailto only. */
export function isSafeHref(href: string): boolean {
  return URL.canParse(href) && LINK_PROTOCOLS.has(new URL(href).protocol);
}

const escapeHtml = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** Every heading token in `tokens`, nested ones (in quotes and lists) included. */
function headingsIn(tokens: readonly Token[]): Tokens.Heading[] {
  const found: Tokens.Heading[] = [];
  const visit = (token: Token) => {
    if (token.type === 'heading') found.push(token as Tokens.Heading);
    if ('items' in token && Array.isArray(token.items)) for (const item of token.items as Token[]) visit(item);
    if ('tokens' in token && Array.isArray(token.tokens)) for (const child of token.tokens as Token[]) visit(child);
  };
  for (const token of tokens) visit(token);
  return found;
}

const extension: MarkedExtension = {
  gfm: true,
  // A line break is a line break, as in the plain-text descriptions written before Markdown.
  breaks: true,
  hooks: {
    // The page's h1 is the event's title: a description's headings start at h2 and go down one
    // level at a time, whichever levels were typed ("## Plan" then "#### Food" are h2 then h3).
    processAllTokens(tokens) {
      const headings = headingsIn(tokens);
      const levels = [...new Set(headings.map((h) => h.depth))].sort((a, b) => a - b);
      for (const heading of headings) heading.depth = Math.min(2 + levels.indexOf(heading.depth), 6);
      return tokens;
    },
  },
  renderer: {
    // HTML in a description is shown as the characters typed, never as markup.
    html: ({ text }) => escapeHtml(text),
    // Images are not shown (tracking pixels, layout): their description is.
    image: ({ text }) => escapeHtml(text),
    // A link to anything but a web or mail address keeps its text and loses the link.
    link(token) {
      return isSafeHref(token.href) ? false : this.parser.parseInline(token.tokens);
    },
  },
};

/** The pipeline: marked with the rules above, then DOMPurify as the one gate into the page. */
export function createMarkdownRenderer(marked: Marked, purify: DOMPurify): RenderMarkdown {
  marked.use(extension);
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName !== 'A') return;
    if (node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', LINK_REL);
    }
  });
  return (source) =>
    purify.sanitize(marked.parse(source, { async: false }), {
      ALLOWED_TAGS,
      ALLOWED_ATTR,
      ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
      ALLOW_DATA_ATTR: false,
      ALLOW_ARIA_ATTR: false,
    });
}

let renderer: RenderMarkdown | undefined;
let loading: Promise<RenderMarkdown> | undefined;

/** The renderer if it has loaded already: pages then render Markdown at once, without a plain-text pass. */
export const loadedMarkdown = (): RenderMarkdown | undefined => renderer;

/**
 * Loads marked and DOMPurify (~20 KB gzip) on first use, in their own chunks: the first page of
 * the app does not carry them (BENCHMARKS.md figure 8, initial JS ≤ 150 KB). A failed load is
 * retried by the next call.
 */
export function loadMarkdown(): Promise<RenderMarkdown> {
  loading ??= Promise.all([import('marked'), import('dompurify')]).then(
    ([{ Marked }, { default: createPurify }]) => {
      renderer = createMarkdownRenderer(new Marked(), createPurify(window));
      return renderer;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
