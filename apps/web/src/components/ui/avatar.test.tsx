import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Avatar, initialsOf } from './avatar';
import { AVATAR_PALETTE, avatarColors } from './avatar-palette';

/** WCAG 2.2's contrast ratio of two `#rrggbb` colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('initialsOf', () => {
  it.each([
    ['jamie', 'J'],
    ['olivia_smith', 'OS'],
    ['ada.lovelace.byron', 'AL'],
    ['mary-jane', 'MJ'],
    ['  Grace   Hopper ', 'GH'],
    ['émile zola', 'ÉZ'],
    // A combining accent stays with its letter, an emoji (even a joined family) stays whole.
    ['e\u0301tienne', 'E\u0301'],
    ['👩‍👩‍👧 family', '👩‍👩‍👧F'],
    ['🎉', '🎉'],
    ['李 小龙', '李小'],
    ['', '?'],
    ['___', '?'],
  ])('%j → %j', (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });
});

describe('avatar colours', () => {
  it('are the same for a name however it is cased, and differ between names', () => {
    expect(avatarColors('Jamie')).toBe(avatarColors('jamie'));
    const used = new Set(['jamie', 'olivia', 'sam', 'alex', 'noor', 'kim', 'lee', 'ana'].map(avatarColors));
    expect(used.size).toBeGreaterThan(3);
  });

  it('meet WCAG AA (4.5:1) in the light and the dark theme', () => {
    for (const { light, dark } of AVATAR_PALETTE) {
      expect(contrast(light.background, light.text)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(dark.background, dark.text)).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('Avatar', () => {
  it('shows the initials named for assistive technology, on the name’s colour', () => {
    render(<Avatar name="olivia_smith" />);
    const avatar = screen.getByRole('img', { name: 'olivia_smith' });
    expect(avatar).toHaveTextContent('OS');
    const { light } = avatarColors('olivia_smith');
    expect(avatar.style.getPropertyValue('--avatar-bg')).toContain(light.background);
  });

  it('hides decorative initials beside a written name', () => {
    const { container } = render(<Avatar name="jamie" decorative />);
    expect(screen.queryByRole('img')).toBeNull();
    expect(container.firstElementChild).toHaveAttribute('aria-hidden', 'true');
  });

  it('shows the picture, with the name as its text unless the name is beside it', () => {
    const { rerender, container } = render(<Avatar name="jamie" url="/api/images/a" size="lg" />);
    expect(screen.getByRole('img', { name: 'jamie' })).toHaveAttribute('src', '/api/images/a');
    rerender(<Avatar name="jamie" url="/api/images/a" decorative />);
    expect(container.querySelector('img')).toHaveAttribute('alt', '');
  });

  it('falls back to the initials when the picture cannot load', () => {
    render(<Avatar name="jamie" url="/api/images/gone" />);
    fireEvent.error(screen.getByRole('img', { name: 'jamie' }));
    expect(screen.getByRole('img', { name: 'jamie' })).toHaveTextContent('J');
  });
});
