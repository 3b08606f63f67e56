#!/usr/bin/env node
// Checks what each public package would publish (`pnpm pack --dry-run --json`, after a build):
// its README and LICENSE, every file its manifest points at (the types above all), and nothing
// of the tests (see tarball-rules.mjs). One line per package, then a closing count; exits 1 on
// any problem.
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repo } from './smoke-steps.mjs';
import { tarballProblems } from './tarball-rules.mjs';

const run = (args, cwd) => {
  const result = spawnSync('pnpm', args, { cwd, encoding: 'utf8', timeout: 300_000 });
  if (result.status !== 0) throw new Error(`pnpm ${args.join(' ')} exited ${result.status}\n${result.stderr}`);
  return result.stdout;
};

const published = [];
for (const name of (await readdir(join(repo, 'packages'))).sort()) {
  const manifest = JSON.parse(await readFile(join(repo, 'packages', name, 'package.json'), 'utf8').catch(() => 'null'));
  if (manifest && !manifest.private) published.push({ dir: join(repo, 'packages', name), manifest });
}

// Cached by turbo when `lint:pkg` has just built them.
run(
  [
    'exec',
    'turbo',
    'run',
    'build',
    '--output-logs=errors-only',
    ...published.map(({ manifest }) => `--filter=${manifest.name}`),
  ],
  repo,
);

let failed = 0;
for (const { dir, manifest } of published) {
  const packed = JSON.parse(run(['pack', '--dry-run', '--json'], dir));
  const files = packed.files.map((file) => file.path);
  const problems = tarballProblems(manifest, files);
  if (problems.length) failed++;
  console.log(
    problems.length
      ? `FAIL  ${manifest.name}\n${problems.map((problem) => `      ${problem}`).join('\n')}`
      : `ok    ${manifest.name}: ${files.length} files, README, LICENSE, types, no tests`,
  );
}
console.log(`tarballs: ${published.length - failed} passed, ${failed} failed`);
process.exit(failed || published.length === 0 ? 1 : 0);
