// The test files `npm run mutate` (Stryker) runs against the mutated modules: the tests of rules/,
// connectors/core/ and connectors/worker/, which run in milliseconds. The service-level suites also
// cover these modules but take seconds per run, which Stryker would pay once per mutant.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/rules/**/*.test.ts', 'test/core/**/*.test.ts', 'test/worker/**/*.test.ts', 'test/config/config-feeds-engine.test.ts'],
    testTimeout: 20_000,
  },
});
