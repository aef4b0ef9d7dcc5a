import { defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` (no database), and the database-backed suites run once per engine.
 * `*.pg.test.ts` need several processes on one database, so they run on PostgreSQL only;
 * `*.pglite.test.ts` are about the embedded engine's files, so they run on PGlite only.
 */
export default defineConfig({
  test: {
    setupFiles: ['./src/test/harness/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.unit.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'pglite',
          include: ['src/**/*.test.ts'],
          exclude: ['src/**/*.unit.test.ts', 'src/**/*.pg.test.ts'],
          env: { TEST_DB: 'pglite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['src/**/*.test.ts'],
          exclude: ['src/**/*.unit.test.ts', 'src/**/*.pglite.test.ts'],
          env: { TEST_DB: 'postgres' },
          globalSetup: ['./src/test/harness/postgres-template.ts'],
        },
      },
    ],
  },
});
