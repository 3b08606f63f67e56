import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain script, with no declarations of its own
import { manifestTargets, tarballProblems } from '../scripts/tarball-rules.mjs';

const manifest = {
  name: '@vidgo-sdk/example',
  exports: {
    '.': {
      '@vidgo-sdk/source': './src/index.ts',
      import: { types: './dist/index.d.ts', default: './dist/index.js' },
      require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
    },
    './package.json': './package.json',
  },
  types: './dist/index.d.cts',
  bin: { example: './dist/cli.js' },
};
const complete = [
  'package.json',
  'README.md',
  'LICENSE',
  'dist/index.js',
  'dist/index.d.ts',
  'dist/index.cjs',
  'dist/index.d.cts',
  'dist/cli.js',
  'src/index.ts',
];

describe('what a published tarball must hold', () => {
  it('names every file the manifest points at, but not the workspace-only source condition', () => {
    expect(manifestTargets(manifest).map(({ path }: { path: string }) => path)).toEqual([
      'dist/index.d.ts',
      'dist/index.js',
      'dist/index.d.cts',
      'dist/index.cjs',
      'package.json',
      'dist/index.d.cts',
      'dist/cli.js',
    ]);
  });

  it('passes a complete tarball', () => {
    expect(tarballProblems(manifest, complete)).toEqual([]);
  });

  it('reports a missing README, LICENSE, types or bin', () => {
    const files = complete.filter((file) => !['README.md', 'LICENSE', 'dist/index.d.ts', 'dist/cli.js'].includes(file));
    expect(tarballProblems(manifest, files)).toEqual([
      'no README.md',
      'no LICENSE',
      'no dist/index.d.ts (types)',
      'no dist/cli.js (bin)',
    ]);
  });

  it('reports a manifest that names no types at all', () => {
    const untyped = { name: 'x', exports: { '.': './dist/index.js' } };
    expect(tarballProblems(untyped, ['package.json', 'README.md', 'LICENSE', 'dist/index.js'])).toEqual([
      'the manifest names no types',
    ]);
  });

  it('reports anything of the tests', () => {
    const tests = [
      'src/client.test.ts',
      'test/client.ts',
      'src/errors/test-support/fake-fetch.ts',
      'dist/client.spec.d.ts',
      'vitest.config.ts',
      '.test-results.json',
    ];
    expect(tarballProblems(manifest, [...complete, ...tests])).toEqual(
      tests.map((file) => `ships a test file: ${file}`),
    );
    // A name that merely contains "test" is not a test.
    expect(tarballProblems(manifest, [...complete, 'src/testing-notes.md', 'dist/contest.js'])).toEqual([]);
  });
});
