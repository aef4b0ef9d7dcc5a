import { defineConfig } from 'vitest/config';

/** The rules are pure functions: their tests need no database, no server and no DOM. */
export default defineConfig({
  test: { include: ['src/**/*.unit.test.ts'] },
});
