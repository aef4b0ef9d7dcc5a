/**
 * The backgrounds of initials avatars, each with its text colour in the light and the dark theme.
 * Every pair meets WCAG AA for normal text (4.5:1); avatar.test.tsx measures them.
 */
export type AvatarColors = { light: { background: string; text: string }; dark: { background: string; text: string } };

export const AVATAR_PALETTE: readonly AvatarColors[] = [
  { light: { background: '#4338ca', text: '#ffffff' }, dark: { background: '#c7d2fe', text: '#1e1b4b' } },
  { light: { background: '#0f766e', text: '#ffffff' }, dark: { background: '#99f6e4', text: '#134e4a' } },
  { light: { background: '#be123c', text: '#ffffff' }, dark: { background: '#fecdd3', text: '#4c0519' } },
  { light: { background: '#b45309', text: '#ffffff' }, dark: { background: '#fde68a', text: '#451a03' } },
  { light: { background: '#6d28d9', text: '#ffffff' }, dark: { background: '#ddd6fe', text: '#2e1065' } },
  { light: { background: '#0369a1', text: '#ffffff' }, dark: { background: '#bae6fd', text: '#082f49' } },
  { light: { background: '#047857', text: '#ffffff' }, dark: { background: '#a7f3d0', text: '#022c22' } },
  { light: { background: '#a21caf', text: '#ffffff' }, dark: { background: '#f5d0fe', text: '#4a044e' } },
  { light: { background: '#475569', text: '#ffffff' }, dark: { background: '#cbd5e1', text: '#0f172a' } },
];

/** FNV-1a over the name's code points, case-folded: the same person gets the same colour on every page. */
function hash(name: string): number {
  let h = 0x811c9dc5;
  for (const char of name.trim().toLowerCase()) {
    h ^= char.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function avatarColors(name: string): AvatarColors {
  return AVATAR_PALETTE[hash(name) % AVATAR_PALETTE.length] ?? (AVATAR_PALETTE[0] as AvatarColors);
}
