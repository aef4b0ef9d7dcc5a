import { describe, expect, it } from 'vitest';
import { excerpt, markdownToText } from './plain-text';

describe('markdownToText', () => {
  it('keeps the words of emphasis and headings, paragraphs a blank line apart', () => {
    expect(markdownToText('# Welcome & hello\n\nSome **bold**, _em_ and ~~old~~ `code`.\nSecond line.')).toBe(
      'Welcome & hello\n\nSome bold, em and old code.\nSecond line.',
    );
  });

  it('writes a link as its text then its address, or as its text alone', () => {
    const source = 'See [the programme](https://example.org/p) or <https://example.org> or mail <team@example.org>.';
    expect(markdownToText(source)).toBe('See the programme (https://example.org/p) or https://example.org or mail team@example.org.');
    expect(markdownToText(source, { links: 'text' })).toBe('See the programme or https://example.org or mail team@example.org.');
  });

  it('never writes out an address that is not http(s) or mailto', () => {
    expect(markdownToText('[click](javascript:alert(1)) [x](data:text/html,hi)')).toBe('click x');
  });

  it('drops raw HTML tags and keeps their text, with character references read', () => {
    expect(markdownToText('Hi <script>alert(1)</script> <b>there</b> &amp; &lt;you&gt; &#x1F389;')).toBe('Hi alert(1) there & <you> 🎉');
    expect(markdownToText('<div onclick="x()">\nblock <i>html</i>\n</div>\n\nafter')).toBe('block html\n\nafter');
    expect(markdownToText('<!-- hidden -->shown')).toBe('shown');
  });

  it('puts list items on their own lines, nested ones indented, tasks ticked', () => {
    expect(markdownToText('- one\n- two\n  1. nested\n  2. more\n- [x] done\n- [ ] open')).toBe(
      '- one\n- two\n  1. nested\n  2. more\n- [x] done\n- [ ] open',
    );
    expect(markdownToText('3. three\n4. four')).toBe('3. three\n4. four');
  });

  it('shows images by their alt text, code blocks as written, tables row by row, and no rules', () => {
    expect(
      markdownToText('![A map of the hall](https://x.test/m.png)\n\n```\nnpm start\n```\n\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |'),
    ).toBe('A map of the hall\n\nnpm start\n\na | b\n1 | 2');
  });

  it('keeps escaped characters and quotes as text', () => {
    expect(markdownToText('2 \\* 3 = "six"')).toBe('2 * 3 = "six"');
    expect(markdownToText('')).toBe('');
  });
});

describe('excerpt', () => {
  it('leaves short text whole, with its whitespace made single spaces', () => {
    expect(excerpt('One\n\ntwo   three', 200)).toBe('One two three');
  });

  it('cuts long text at a word boundary and says so', () => {
    const text = 'word '.repeat(100);
    const cut = excerpt(text, 200);
    expect(cut.length).toBeLessThanOrEqual(200);
    expect(cut).toMatch(/ word…$/);
  });

  it('never splits an emoji', () => {
    const cut = excerpt(`${'a'.repeat(18)}🎉🎉🎉`, 20);
    expect(cut).toBe(`${'a'.repeat(18)}…`);
  });
});
