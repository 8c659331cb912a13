// The closing line of .ci/run, "N passed, N failed, N skipped", summed over the vitest JSON reports
// named as arguments (skipped = pending + todo). Exits non-zero, saying why, when a report is missing,
// when a file failed outside its tests (an import or a beforeAll: vitest then counts no failed
// test), or when a test was skipped in a file that must run in CI: such skips are what let a suite
// that never ran look green.
import fs from 'node:fs';
import path from 'node:path';

// The PostgreSQL suites (test/store, the tenant and Jira budget tests, the fault suite) and the
// Chromium tests (*e2e.test.ts).
const mustRun = [/^test\/store\//, /e2e\.test\.ts$/, /^test\/server\/tenants\.test\.ts$/, /^test\/jira\/shared-rate-budget\.test\.ts$/, /^test\/faults\//];

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) {
    problems.push(`${file} is missing`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  for (const suite of report.testResults) {
    const rel = path.relative(process.cwd(), suite.name).split(path.sep).join('/');
    const tests = suite.assertionResults;
    if (suite.status === 'failed' && !tests.some((t) => t.status === 'failed')) {
      problems.push(`${file}: ${rel} failed outside its tests${suite.message ? `: ${suite.message.split('\n')[0]}` : ' (an import or a hook; see its output above)'}`);
      failed += 1;
    }
    const skips = tests.filter((t) => t.status !== 'passed' && t.status !== 'failed');
    if (skips.length > 0 && mustRun.some((re) => re.test(rel))) {
      problems.push(`${file}: ${rel} skipped ${skips.length} test(s) that must run in CI, e.g. "${skips[0].fullName}"`);
    }
  }
}
for (const problem of problems) console.error(problem);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || problems.length > 0 ? 1 : 0);
