// Runs the local `deno` binary for this package's scripts: `node scripts/deno.mjs <deno arguments>`.
//
// - Sets DENO_NO_UPDATE_CHECK=1 (no request to dl.deno.land).
// - Passes `--conditions=…` on as DENO_CONDITIONS, which every subcommand reads (`deno publish`
//   rejects the flag). `--conditions=@vidgo-sdk/source` makes `@vidgo-sdk/core` and
//   `@vidgo-sdk/testing` resolve to their TypeScript sources, as everywhere in this workspace.
// - Guards the repository's root package.json: when a module fails to resolve, Deno 2.9 "migrates"
//   pnpm-workspace.yaml into the nearest package.json above the working directory (it adds
//   `workspaces`). That file is not ours: the change is undone and the run fails with a clear note.
// - `deno test` runs get a JUnit report, turned into a plain closing line
//   (`@vidgo-sdk/deno: N passed, N failed, N ignored`) and `.test-results.json` (vitest's count fields),
//   since CI reads neither deno's summary nor its colours.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countJUnit, totalsReport } from '../../../scripts/junit-counts.mjs';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const conditions = process.argv.slice(2).filter((arg) => arg.startsWith('--conditions='));
const args = process.argv.slice(2).filter((arg) => !conditions.includes(arg));

const rootPackageJson = findRootPackageJson(packageDir);
const before = rootPackageJson && readFileSync(rootPackageJson, 'utf8');

const isTest = args[0] === 'test';
const reportDir = isTest ? mkdtempSync(join(tmpdir(), 'vidgo-deno-test-')) : undefined;
const junitPath = reportDir && join(reportDir, 'junit.xml');
const denoArgs = isTest ? [args[0], `--junit-path=${junitPath}`, ...args.slice(1)] : args;

const run = spawnSync('deno', denoArgs, {
  cwd: packageDir,
  stdio: 'inherit',
  env: {
    ...process.env,
    DENO_NO_UPDATE_CHECK: '1',
    ...(conditions.length > 0
      ? { DENO_CONDITIONS: conditions.map((arg) => arg.slice('--conditions='.length)).join(',') }
      : {}),
  },
  shell: process.platform === 'win32',
});
let exitCode = run.status ?? 1;
if (run.error) {
  console.error(
    `could not run deno (${run.error.message}): run this through pnpm, which puts node_modules/.bin on PATH`,
  );
}

if (rootPackageJson && readFileSync(rootPackageJson, 'utf8') !== before) {
  writeFileSync(rootPackageJson, before);
  console.error(
    `\n${rootPackageJson} was rewritten by deno after a resolution error (its pnpm-workspace.yaml migration); ` +
      'the change is undone. Fix the resolution error above instead.',
  );
  exitCode = exitCode || 1;
}

if (junitPath) {
  const totals = existsSync(junitPath) ? countJUnit(readFileSync(junitPath, 'utf8')) : undefined;
  rmSync(reportDir, { recursive: true, force: true });
  if (totals) {
    const { passed, failed, ignored } = totals;
    writeFileSync(join(packageDir, '.test-results.json'), totalsReport('deno', totals, failed === 0 && exitCode === 0));
    console.log(`@vidgo-sdk/deno: ${passed} passed, ${failed} failed, ${ignored} ignored`);
    if (passed === 0) exitCode = exitCode || 1;
  } else {
    console.log('@vidgo-sdk/deno: no test report (deno stopped before running the tests)');
    exitCode = exitCode || 1;
  }
}
process.exit(exitCode);

function findRootPackageJson(start) {
  for (let dir = dirname(start); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml')))
      return existsSync(join(dir, 'package.json')) ? join(dir, 'package.json') : undefined;
  }
  return undefined;
}
