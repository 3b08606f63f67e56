// What a published tarball must hold, and must not: the README and LICENSE, every file its
// manifest points at (types included), and nothing of the tests.

/** Paths that belong to tests: test folders, test files, test helpers and test configs. */
const TEST_PATHS = [
  /(^|\/)(test|tests|__tests__|__mocks__|test-support|fixtures)\//,
  /\.(test|spec)\.[cm]?[jt]sx?$/,
  /\.(test|spec)\.d\.[cm]?ts$/,
  /(^|\/)vitest[.\w-]*\.config\.[cm]?[jt]s$/,
  /(^|\/)\.test-(results\.json|output)/,
];

/** Every file path a manifest points at: exports (all conditions but the source one), main, module, types, bin. */
export function manifestTargets(manifest) {
  const targets = [];
  const visit = (value, condition) => {
    if (typeof value === 'string') {
      if (condition !== '@vidgo-sdk/source') targets.push({ path: value, condition });
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) visit(inner, key.startsWith('.') ? condition : key);
    }
  };
  visit(manifest.exports, 'default');
  for (const field of ['main', 'module', 'types', 'typings']) {
    if (manifest[field]) targets.push({ path: manifest[field], condition: field });
  }
  const bins = typeof manifest.bin === 'string' ? { [manifest.name]: manifest.bin } : (manifest.bin ?? {});
  for (const path of Object.values(bins)) targets.push({ path, condition: 'bin' });
  return targets.map(({ path, condition }) => ({ path: path.replace(/^\.\//, ''), condition }));
}

/** The problems of one package's tarball, given its manifest and the paths `pnpm pack` lists. */
export function tarballProblems(manifest, files) {
  const listed = new Set(files);
  const problems = [];
  for (const required of ['package.json', 'README.md', 'LICENSE']) {
    if (!listed.has(required)) problems.push(`no ${required}`);
  }
  const targets = manifestTargets(manifest);
  if (!targets.some(({ condition, path }) => condition === 'types' || /\.d\.[cm]?ts$/.test(path))) {
    problems.push('the manifest names no types');
  }
  for (const { path, condition } of targets) {
    if (path !== 'package.json' && !listed.has(path)) problems.push(`no ${path} (${condition})`);
  }
  for (const file of files) {
    if (TEST_PATHS.some((pattern) => pattern.test(file))) problems.push(`ships a test file: ${file}`);
  }
  return problems;
}
