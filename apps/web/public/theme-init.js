// Applies the theme chosen with the toggle before the first paint (an external file: the CSP allows no inline script).
(() => {
  try {
    const theme = localStorage.getItem('turnout-theme');
    if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
  } catch {
    // No storage (private mode): the system theme applies.
  }
})();
