// Mutation testing of the auth service (`npm run mutation -w @turnout/server`, docs/quality.md): Stryker changes
// auth.service.ts one small edit at a time and expects the auth tests, on PGlite, to fail.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: ['src/modules/auth/auth.service.ts'],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  coverageAnalysis: 'perTest',
  // One mutant at a time: each test file boots an app on PGlite. `--concurrency 2` overrides it.
  concurrency: 1,
  timeoutMS: 30_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // Not a gate: the survivors are judged one by one in docs/quality.md.
  thresholds: { high: 90, low: 80, break: null },
};
