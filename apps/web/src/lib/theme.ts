export type Theme = 'light' | 'dark';
const STORAGE_KEY = 'turnout-theme';

function stored(): Theme | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}

const systemTheme = (): Theme =>
  typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';

/** The theme in use: the one chosen with the toggle, else the system's. */
export const currentTheme = (): Theme => stored() ?? systemTheme();

/** Chooses a theme for this browser (persisted) and applies it at once. */
export function chooseTheme(theme: Theme): void {
  try {
    localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
  document.documentElement.dataset.theme = theme;
}
