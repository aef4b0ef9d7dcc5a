import { z } from 'zod';

// C0 control characters (U+0000–U+001F), and lone UTF-16 surrogates, which no text encoding can
// carry faithfully. PostgreSQL refuses NUL in text outright; the rest garble logs, terminals, CSV
// and calendar files. Multi-line text keeps tab, line feed and carriage return.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this does
const SINGLE_LINE_REFUSED = /[\u0000-\u001f]|\p{Cs}/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this does
const MULTI_LINE_REFUSED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]|\p{Cs}/u;

/** Whether `value` is text a person could have typed on one line (`multiline`: in a text area). */
export const isPlainText = (value: string, options: { multiline?: boolean } = {}): boolean =>
  !(options.multiline ? MULTI_LINE_REFUSED : SINGLE_LINE_REFUSED).test(value);

/**
 * The string every text field and query parameter is made from: no NUL or other control
 * characters (tab and line breaks only where `multiline`), no lone surrogates.
 */
export const textSchema = (options: { multiline?: boolean } = {}) =>
  z.string().refine((value) => isPlainText(value, options), {
    message: options.multiline ? 'Must not contain control characters other than tabs and line breaks' : 'Must be plain text on one line',
  });

/** Any well-formed text (passwords): every character allowed, but no lone surrogate, which cannot be encoded. */
export const wellFormedSchema = () => z.string().refine((value) => !/\p{Cs}/u.test(value), { message: 'Must be valid Unicode text' });
