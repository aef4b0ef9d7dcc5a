import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { isSafeHref, LINK_REL, loadMarkdown } from '../../lib/markdown';
import { Markdown } from './markdown';

const html = async (source: string) => {
  const div = document.createElement('div');
  div.innerHTML = (await loadMarkdown())(source);
  return div;
};

describe('the Markdown component', () => {
  // First in this file: the renderer has not loaded yet.
  it('shows the text with its line breaks while the renderer loads, then the Markdown', async () => {
    const { container } = render(<Markdown source={'**Bring** snacks\nand <b>drinks</b>'} />);
    expect(container.firstElementChild).toHaveClass('plain');
    expect(container).toHaveTextContent('**Bring** snacks and <b>drinks</b>');
    expect(await screen.findByText('Bring')).toHaveProperty('tagName', 'STRONG');
    expect(container.querySelector('b')).toBeNull();
  });

  it('renders the description as Markdown once the renderer is there', async () => {
    await loadMarkdown();
    render(<Markdown source={'**Bring** snacks\n\n[Map](https://example.com)'} />);
    expect(screen.getByText('Bring').tagName).toBe('STRONG');
    expect(screen.getByRole('link', { name: 'Map' })).toHaveAttribute('rel', LINK_REL);
  });
});

describe('rendering a description', () => {
  it('renders emphasis, lists, code and quotes, and makes the headings h2 and below', async () => {
    const out = await html('# Plan\n\n**Bring** *snacks*\n\n- one\n- two\n\n1. first\n\n`code`\n\n> quoted\n\n###### Small');
    expect(out.querySelector('h1')).toBeNull();
    expect(out.querySelector('h2')).toHaveTextContent('Plan');
    expect(out.querySelector('h3')).toHaveTextContent('Small');
    expect(out.querySelector('strong')).toHaveTextContent('Bring');
    expect(out.querySelector('em')).toHaveTextContent('snacks');
    expect([...out.querySelectorAll('ul li')].map((li) => li.textContent)).toEqual(['one', 'two']);
    expect(out.querySelector('ol li')).toHaveTextContent('first');
    expect(out.querySelector('code')).toHaveTextContent('code');
    expect(out.querySelector('blockquote')).toHaveTextContent('quoted');
  });

  it('numbers headings from h2 down without skipping a level, whichever levels were typed', async () => {
    const out = await html('## Programme\n\n#### Food\n\n> ###### Quoted\n\n## Getting there');
    expect([...out.querySelectorAll('h2, h3, h4, h5, h6')].map((h) => `${h.tagName} ${h.textContent}`)).toEqual([
      'H2 Programme',
      'H3 Food',
      'H4 Quoted',
      'H2 Getting there',
    ]);
  });

  it('keeps single line breaks, as plain-text descriptions had them', async () => {
    const out = await html('Doors at 18:00\nTalks at 19:00');
    expect(out.querySelector('p')?.innerHTML).toBe('Doors at 18:00<br>Talks at 19:00');
  });

  it('opens links in a new tab that cannot reach back, without endorsing them', async () => {
    const out = await html('[Tickets](https://example.com/t?a=1&b=2), <https://example.org> and [mail](mailto:o@example.com)');
    const links = [...out.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://example.com/t?a=1&b=2',
      'https://example.org',
      'mailto:o@example.com',
    ]);
    for (const a of links) {
      expect(a).toHaveAttribute('target', '_blank');
      expect(a).toHaveAttribute('rel', LINK_REL);
    }
    expect(LINK_REL).toBe('noopener noreferrer nofollow ugc');
  });

  it('neutralises scripts, event handlers and raw HTML', async () => {
    const out = await html(
      '<script>alert(1)</script>\n\nHi <img src=x onerror="alert(2)"> <b onclick="alert(3)">bold</b>\n\n<iframe src="https://evil.example"></iframe>\n\n<div style="position:fixed">x</div>',
    );
    expect(out.querySelector('script, img, iframe, b, div, [onerror], [onclick], [style]')).toBeNull();
    // The HTML shows as the characters that were typed.
    expect(out.textContent).toContain('<script>alert(1)</script>');
    expect(out.textContent).toContain('<img src=x onerror="alert(2)">');
  });

  it('drops links to anything but web and mail addresses, keeping their text', async () => {
    const out = await html(
      '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,<script>alert(1)</script>) [d](/relative) [e](vbscript:x) [f](java\tscript:alert(1))',
    );
    expect(out.querySelectorAll('a')).toHaveLength(0);
    expect(out.textContent).toMatch(/^a b c d e/);
    expect(out.innerHTML).not.toMatch(/javascript:|data:|vbscript:/i);
  });

  it('shows no images, only what they are of', async () => {
    const out = await html('![a tracking pixel](https://evil.example/p.gif)');
    expect(out.querySelector('img')).toBeNull();
    expect(out).toHaveTextContent('a tracking pixel');
  });

  it('accepts http, https and mailto as link targets', () => {
    expect(['https://a.example', 'http://a.example', 'mailto:a@b.example'].every(isSafeHref)).toBe(true);
    expect(['javascript:alert(1)', ' javascript:alert(1)', '/x', '#top', 'ftp://a.example', 'data:,x'].some(isSafeHref)).toBe(false);
  });
});
