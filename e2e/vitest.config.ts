import { defineConfig } from 'vitest/config';

/** Browser journeys: one real server per run (global setup), one browser per test file. */
export default defineConfig({
  test: {
    include: ['specs/**/*.e2e.test.ts'],
    globalSetup: ['./support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: the server and one browser at a time keep timings honest.
    fileParallelism: false,
  },
});
