// Prints one "N passed, N failed" line over every test report given (vitest's JSON report, and
// the same counts written by the Deno, workerd and Bun runs), for CI's reader of closing lines. A
// missing report means a suite did not run: that fails.
import { existsSync, readFileSync } from 'node:fs';

const files = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of files.length ? files : ['.test-results.json']) {
  if (!existsSync(file)) {
    console.error(`test-totals: no report at ${file}: that suite did not run`);
    failed++;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
