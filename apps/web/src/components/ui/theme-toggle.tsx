import { useState } from 'react';
import { chooseTheme, currentTheme } from '../../lib/theme';
import { Button } from './button';
import { MoonIcon, SunIcon } from './icons';

/** Switches between light and dark; the choice is remembered in this browser. */
export function ThemeToggle() {
  const [theme, setTheme] = useState(currentTheme);
  const dark = theme === 'dark';
  return (
    <Button
      variant="ghost"
      size="icon"
      aria-pressed={dark}
      aria-label="Dark theme"
      title={dark ? 'Switch to the light theme' : 'Switch to the dark theme'}
      onClick={() => {
        const next = dark ? 'light' : 'dark';
        chooseTheme(next);
        setTheme(next);
      }}
    >
      {dark ? <MoonIcon /> : <SunIcon />}
    </Button>
  );
}
