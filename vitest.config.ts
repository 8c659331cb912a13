import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    // .ci/run names a second report for its year-ahead run.
    reporters: process.env.CI ? ['default', ['json', { outputFile: process.env.INSCOPE_TEST_REPORT ?? 'test-results.json' }]] : ['default'],
  },
});
