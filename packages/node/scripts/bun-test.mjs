// `pnpm test:bun`: the conformance suite in the real `bun` binary (bun 1.4.4, a devDependency),
// with the workspace packages resolved to their sources (`--conditions=@vidgo-sdk/source`).
// Bun's JUnit report becomes a plain closing line (`@vidgo-sdk/node on bun: N passed, N failed,
// N skipped`) and `.test-results.bun.json` (vitest's count fields) for `scripts/test-totals.mjs`,
// since CI reads neither bun's summary nor its colours.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countJUnit, totalsReport } from '../../../scripts/junit-counts.mjs';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const reportDir = mkdtempSync(join(tmpdir(), 'vidgo-bun-test-'));
const junitPath = join(reportDir, 'junit.xml');

const run = spawnSync(
  join(packageDir, 'node_modules', '.bin', 'bun'),
  [
    'test',
    '--conditions=@vidgo-sdk/source',
    '--reporter=junit',
    `--reporter-outfile=${junitPath}`,
    // One check waits on a real server for ~0.5 s; bun's 5 s default leaves room on a busy machine.
    '--timeout=20000',
    './test/bun/conformance.bun.ts',
  ],
  { cwd: packageDir, stdio: 'inherit' },
);
if (run.error) console.error(`could not run bun (${run.error.message}): run \`pnpm install\` first`);
const exitCode = run.status ?? 1;

const totals = existsSync(junitPath) ? countJUnit(readFileSync(junitPath, 'utf8')) : undefined;
rmSync(reportDir, { recursive: true, force: true });
if (!totals) {
  console.log('@vidgo-sdk/node on bun: no test report (bun stopped before running the tests)');
  process.exit(exitCode || 1);
}
// Bun leaves an error outside any test (a module that fails to load) out of its report: its exit
// code still tells.
if (exitCode !== 0 && totals.failed === 0) totals.failed = 1;
const { passed, failed, ignored } = totals;
writeFileSync(join(packageDir, '.test-results.bun.json'), totalsReport('bun', totals, failed === 0));
console.log(`@vidgo-sdk/node on bun: ${passed} passed, ${failed} failed, ${ignored} skipped`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
