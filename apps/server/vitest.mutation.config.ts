import { defineConfig } from 'vitest/config';

/**
 * The tests that exercise `modules/auth/auth.service.ts`, on PGlite, for Stryker's mutation run
 * (stryker.config.mjs, docs/quality.md). One project and no PostgreSQL: each mutant reruns only the
 * tests that reach the changed line, so a run stays in minutes. Not part of `npm test`.
 */
export default defineConfig({
  test: {
    setupFiles: ['./src/test/harness/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    include: [
      'src/modules/auth/*.test.ts',
      'src/plugins/session.test.ts',
      'src/plugins/rate-limits.test.ts',
      'src/plugins/signed-in-hint.test.ts',
      // Logins behind each TRUST_PROXY setting, and the security events the service records.
      'src/http/abuse.test.ts',
      // Logout and the sweep ending a session's sockets (onSessionEnded, existingSessionIds).
      'src/realtime/gateway.test.ts',
    ],
    // session-cache.unit.test.ts tests the cache alone; it never reaches the service.
    exclude: ['src/**/*.unit.test.ts'],
    env: { TEST_DB: 'pglite' },
  },
});
