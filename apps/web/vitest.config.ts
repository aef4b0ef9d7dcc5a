import { defineConfig } from 'vitest/config';

/** Component and unit tests in jsdom; `fetch` is the only thing mocked (at the network edge). */
export default defineConfig({
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
    css: { modules: { classNameStrategy: 'non-scoped' } },
    unstubGlobals: true,
  },
});
