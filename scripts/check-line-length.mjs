// Lists every line over 120 characters in the tracked .ts, .tsx, .mjs and .js files, as
// `file:line: N characters`, and exits 1 if there is one. Biome wraps code at 120 but cannot
// break a string, a template or a comment: this catches those. Generated files (under a
// `generated/` folder) and build output (`dist/`) are skipped.
// Usage: `node scripts/check-line-length.mjs` from anywhere in the repository.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAX_CHARACTERS = 120;

// Files allowed to keep long lines, each with the reason, e.g.
//   { file: 'packages/core/test/fixtures/recorded.ts', reason: 'recorded responses, byte for byte' },
// Kept short on purpose: a long line is split, not excused. An entry that no longer excuses
// anything is reported, so the list cannot outlive its reasons.
const ALLOWANCES = [];

const root = fileURLToPath(new URL('..', import.meta.url));
const tracked = execFileSync('git', ['ls-files', '-z', '--', '*.ts', '*.tsx', '*.mjs', '*.js'], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
})
  .split('\0')
  .filter(Boolean);

const skipped = (file) => file.split('/').some((segment) => segment === 'generated' || segment === 'dist');
const allowed = new Map(ALLOWANCES.map((allowance) => [allowance.file, allowance]));
const excused = new Set();
const problems = [];
let checked = 0;

for (const file of tracked) {
  if (skipped(file)) continue;
  let text;
  try {
    text = readFileSync(join(root, file), 'utf8');
  } catch (error) {
    // Deleted in the working tree but not yet from the index: nothing to check.
    if (error.code === 'ENOENT') continue;
    throw error;
  }
  checked += 1;
  text.split(/\r?\n/).forEach((line, index) => {
    // Characters, not UTF-16 units or bytes: `–` and `→` count as one, as they look.
    const characters = [...line].length;
    if (characters <= MAX_CHARACTERS) return;
    if (allowed.has(file)) excused.add(file);
    else problems.push(`${file}:${index + 1}: ${characters} characters`);
  });
}

const stale = ALLOWANCES.filter((allowance) => !excused.has(allowance.file));
for (const problem of problems) console.log(problem);
for (const allowance of stale) {
  console.log(`${allowance.file}: allowed long lines but has none: remove it from ALLOWANCES`);
}
if (problems.length || stale.length) {
  const counts = [
    problems.length && `${problems.length} line(s) over ${MAX_CHARACTERS} characters`,
    stale.length && `${stale.length} stale allowance(s)`,
  ];
  console.error(`check-line-length: ${counts.filter(Boolean).join(', ')}`);
  process.exitCode = 1;
} else {
  const apart = excused.size ? ` (apart from ${[...excused].join(', ')}, in ALLOWANCES)` : '';
  console.log(`check-line-length: every line of ${checked} files is ${MAX_CHARACTERS} characters or fewer${apart}`);
}
