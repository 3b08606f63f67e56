#!/usr/bin/env node
// Writes `repository` into each public package's package.json from the GitHub Actions run that
// publishes it (GITHUB_SERVER_URL, GITHUB_REPOSITORY). npm's provenance check requires the
// published `repository.url` to name the repository that built the package; taking it from the
// run makes that true wherever the repository lives. Release workflow only: the change is not
// committed.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository } = process.env;
if (!server || !repository) {
  console.error('stamp-repository: GITHUB_SERVER_URL and GITHUB_REPOSITORY must be set (a GitHub Actions run)');
  process.exit(1);
}

const packagesDir = resolve(fileURLToPath(new URL('../packages', import.meta.url)));
for (const name of await readdir(packagesDir)) {
  const path = join(packagesDir, name, 'package.json');
  const manifest = JSON.parse(await readFile(path, 'utf8').catch(() => '{"private":true}'));
  if (manifest.private) continue;
  manifest.repository = { type: 'git', url: `git+${server}/${repository}.git`, directory: `packages/${name}` };
  await writeFile(path, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`${manifest.name}: repository ${manifest.repository.url} (${manifest.repository.directory})`);
}
