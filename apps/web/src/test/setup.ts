import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { clearCookies } from './cookies';

// Pages load lazily, as in the app: their first import is transformed on demand, which takes
// longer than testing-library's default second on a busy machine.
configure({ asyncUtilTimeout: 5000 });

// jsdom lays nothing out and cannot scroll: the router's scroll restoration scrolls nowhere here.
window.scrollTo = () => {};

// A console.error during a test is a failure (React warnings, failed prop types, act() misuse).
let errors: unknown[][] = [];
vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
  errors.push(args);
});

afterEach(() => {
  cleanup();
  localStorage.clear();
  clearCookies();
  const seen = errors;
  errors = [];
  if (seen.length > 0) throw new Error(`console.error was called:\n${seen.map((a) => a.map(String).join(' ')).join('\n')}`);
});
