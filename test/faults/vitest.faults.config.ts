// `npm run test:faults`: the fault suite alone (it is not part of `npm test`: it starts its own
// PostgreSQL server and three connector processes and runs for a few minutes). In CI it writes its
// own JSON report, which .ci/run adds to the closing "N passed, N failed, N skipped" line.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/faults/**/*.fault.ts'],
    testTimeout: 240_000,
    hookTimeout: 900_000,
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results-faults.json' }]] : ['default'],
  },
});
