import { Lexer, type Token, type Tokens } from 'marked';

/**
 * How links come out: `text` keeps what a reader sees ("the programme"), `text-and-url` adds the
 * address after it ("the programme (https://…)") for text a reader can still follow it from: mail
 * text parts, calendar descriptions. Only http(s) and mailto addresses are ever written out.
 */
export type LinkStyle = 'text' | 'text-and-url';

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Character references as the rendered page would show them ("&amp;" is "&"); marked's lexer keeps them as written. */
const decodeEntities = (text: string): string =>
  text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return entities[name.toLowerCase()] ?? whole;
  });

/** Raw HTML in a description is never markup outside the browser's sanitiser: its tags go, its text stays. */
const textOfHtml = (html: string): string => decodeEntities(html.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]*>/g, ''));

const followable = (href: string): boolean => /^(https?:|mailto:)/i.test(href.trim());

function inline(tokens: readonly Token[] | undefined, links: LinkStyle): string {
  let out = '';
  for (const token of tokens ?? []) out += inlineToken(token as Tokens.Generic, links);
  return out;
}

function inlineToken(token: Tokens.Generic, links: LinkStyle): string {
  switch (token.type) {
    case 'text':
      return token.tokens ? inline(token.tokens, links) : decodeEntities(token.text ?? '');
    case 'escape':
    case 'codespan':
      return decodeEntities(token.text ?? '');
    case 'br':
      return '\n';
    case 'html':
      return textOfHtml(token.text ?? '');
    case 'image':
      return decodeEntities(token.text ?? '');
    case 'link': {
      const link = token as Tokens.Link;
      const text = inline(link.tokens, links);
      const href = link.href.trim();
      if (links === 'text' || !followable(href) || text === href || `mailto:${text}` === href) return text;
      return `${text} (${href})`;
    }
    case 'checkbox':
      return '';
    default:
      return token.tokens ? inline(token.tokens, links) : decodeEntities(token.text ?? '');
  }
}

function blocks(tokens: readonly Token[], links: LinkStyle, indent = ''): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    const text = blockText(token as Tokens.Generic, links, indent);
    if (text !== null && text.trim() !== '') out.push(text);
  }
  return out;
}

function blockText(token: Tokens.Generic, links: LinkStyle, indent: string): string | null {
  switch (token.type) {
    case 'space':
    case 'hr':
    case 'def':
      return null;
    case 'code':
      return token.text ?? '';
    case 'html':
      return textOfHtml(token.text ?? '').trim();
    case 'blockquote':
      return blocks(token.tokens ?? [], links, indent).join('\n\n');
    case 'list': {
      const list = token as Tokens.List;
      const first = typeof list.start === 'number' ? list.start : 1;
      return list.items
        .map((item, i) => {
          const bullet = `${list.ordered ? `${first + i}.` : '-'} ${item.task ? (item.checked ? '[x] ' : '[ ] ') : ''}`;
          const body = blocks(item.tokens, links, `${indent}  `).join('\n');
          return `${indent}${bullet}${body.trimStart()}`;
        })
        .join('\n');
    }
    case 'table': {
      const table = token as Tokens.Table;
      const row = (cells: Tokens.TableCell[]) => cells.map((cell) => inline(cell.tokens, links)).join(' | ');
      return [row(table.header), ...table.rows.map(row)].join('\n');
    }
    case 'paragraph':
    case 'heading':
    case 'text':
      return `${indent}${inline(token.tokens ?? [{ type: 'text', raw: token.raw, text: token.text }], links)}`;
    default:
      return token.tokens ? inline(token.tokens, links) : (token.text ?? null);
  }
}

/**
 * A Markdown description as plain text, for places that show no markup (a mail's text part, an
 * .ics DESCRIPTION, a link preview): paragraphs a blank line apart, list items on their own lines,
 * emphasis and headings as their words, images as their alt text, raw HTML without its tags.
 */
export function markdownToText(markdown: string, options: { links?: LinkStyle } = {}): string {
  const links = options.links ?? 'text-and-url';
  return blocks(Lexer.lex(markdown), links)
    .join('\n\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Text cut to at most `max` characters at a word boundary, "…" added when anything was cut; all
 * whitespace (line breaks too) one space. For a meta description or a preview's line.
 */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  // Room for the "…"; a cut never splits an emoji's surrogate pair.
  const cut = flat.slice(0, max - 1).replace(/[\ud800-\udbff]$/, '');
  const space = cut.lastIndexOf(' ');
  // One word longer than half the room is cut mid-word rather than leaving almost nothing.
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}
