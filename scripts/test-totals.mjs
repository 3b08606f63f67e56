// Prints "N passed, N failed" from vitest's JSON report, for CI's reader of closing lines.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2] ?? '.test-results.json', 'utf8'));
const failed = report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
console.log(`${report.numPassedTests} passed, ${failed} failed, ${report.numPendingTests + report.numTodoTests} skipped`);
process.exitCode = failed === 0 && report.numPassedTests > 0 ? 0 : 1;
