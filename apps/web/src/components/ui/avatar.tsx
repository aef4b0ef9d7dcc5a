import { type CSSProperties, useState } from 'react';
import styles from './avatar.module.css';
import { avatarColors } from './avatar-palette';

export type AvatarSize = 'sm' | 'md' | 'lg';

type AvatarProps = {
  name: string;
  url?: string | null | undefined;
  size?: AvatarSize;
  /**
   * The name is written beside the avatar: it is then decoration (alt="", hidden from assistive
   * technology) rather than a second reading of the same name.
   */
  decorative?: boolean;
  className?: string;
};

const graphemes = (text: string): string[] =>
  typeof Intl.Segmenter === 'function'
    ? Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text), (s) => s.segment)
    : Array.from(text);

/**
 * Up to two letters for a name: the first character of its first two words, upper-cased. User
 * names join words with `_`, `.` or `-` (USER_NAME_PATTERN), display names with spaces. A
 * character is a grapheme, so an emoji or a letter with combining marks stays whole.
 */
export function initialsOf(name: string): string {
  const words = name
    .trim()
    .split(/[\s_.-]+/u)
    .filter(Boolean);
  const letters = words.slice(0, 2).map((word) => graphemes(word)[0] ?? '');
  const initials = letters.join('').toLocaleUpperCase();
  return initials === '' ? '?' : initials;
}

/** A person's picture, or their initials on a colour of their own. */
export function Avatar({ name, url, size = 'md', decorative = false, className }: AvatarProps) {
  const [failed, setFailed] = useState<string | null>(null);
  const classes = [styles.avatar, styles[size], className].filter(Boolean).join(' ');
  if (url && failed !== url) {
    return (
      <img className={classes} src={url} alt={decorative ? '' : name} loading="lazy" decoding="async" onError={() => setFailed(url)} />
    );
  }
  const { light, dark } = avatarColors(name);
  const colours = {
    '--avatar-bg': `light-dark(${light.background}, ${dark.background})`,
    '--avatar-fg': `light-dark(${light.text}, ${dark.text})`,
  } as CSSProperties;
  return (
    <span
      className={`${classes} ${styles.initials}`}
      style={colours}
      {...(decorative ? { 'aria-hidden': true } : { role: 'img', 'aria-label': name })}
    >
      {initialsOf(name)}
    </span>
  );
}
