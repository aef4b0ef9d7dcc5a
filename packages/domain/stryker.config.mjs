// Mutation testing of the shared rules (`npm run mutation -w @turnout/domain`, docs/quality.md): Stryker changes
// the seating and schedule code one small edit at a time and expects their unit tests to fail.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: ['src/seating.ts', 'src/schedule.ts'],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.config.ts' },
  coverageAnalysis: 'perTest',
  // One mutant at a time: a laptop or a shared CI box stays usable. `--concurrency 4` overrides it.
  concurrency: 1,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // Every mutant is killed today, and CI runs this: a change to the rules that leaves one alive fails
  // until a test kills it, or it is marked `// Stryker disable next-line <mutator>: <why it is equivalent>`.
  thresholds: { high: 100, low: 95, break: 100 },
};
