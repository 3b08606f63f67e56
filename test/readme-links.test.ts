import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findReadmes, linkProblems, linkTargets, publishedFolder } from './support/readme-links.ts';

const root = join(import.meta.dirname, '..');
const packageReadme = join(root, 'packages/node/README.md');

describe('README links', () => {
  it('every README links only inside the repository, and a published package only inside itself', async () => {
    const readmes = await findReadmes(root);
    expect(readmes).toContain(join(root, 'README.md'));
    expect(readmes).toContain(packageReadme);
    const problems = [];
    for (const readme of readmes) {
      const markdown = await readFile(readme, 'utf8');
      problems.push(...linkProblems(root, readme, markdown, await publishedFolder(dirname(readme), root)));
    }
    expect(problems).toEqual([]);
  });

  it('counts the packages on npm and JSR as published, every README inside them too; not the proxy app', async () => {
    for (const name of ['core', 'testing', 'node', 'deno', 'cloudflare', 'task-token']) {
      expect(await publishedFolder(join(root, 'packages', name), root)).toBe(join(root, 'packages', name));
    }
    // A README deeper in a package ships with it.
    expect(await publishedFolder(join(root, 'packages/core/src/internal'), root)).toBe(join(root, 'packages/core'));
    expect(await publishedFolder(join(root, 'apps/edge-proxy'), root)).toBeUndefined();
  });

  it('reports a link out of a published package, a missing file, and a path out of the repository', () => {
    const markdown = [
      'See [core](../core), [its README](../core/README.md) and [missing](docs/gone.md).',
      '![logo](../../../logo.png)',
      '[guide]: ./src/guide.md',
      '<a href="../testing">testing</a>',
    ].join('\n');
    const problems = linkProblems(root, packageReadme, markdown, dirname(packageReadme)).map(
      ({ target, problem }) => `${target}: ${problem}`,
    );
    expect(problems).toEqual([
      '../core: points outside its package (a registry shows no such link)',
      '../core/README.md: points outside its package (a registry shows no such link)',
      'docs/gone.md: names no file',
      '../../../logo.png: points outside the repository',
      './src/guide.md: names no file',
      '../testing: points outside its package (a registry shows no such link)',
    ]);
  });

  it('lets an unpublished README link across the repository, and ignores URLs, anchors and code', () => {
    const readme = join(root, 'apps/edge-proxy/README.md');
    const markdown = [
      '[task tokens](../../packages/task-token) · [npm](https://www.npmjs.com/package/@vidgo-sdk/core) · [up](#top)',
      '`[not a link](../../../nowhere)`',
      '```md',
      '[also not a link](../../../nowhere)',
      '```',
    ].join('\n');
    expect(linkTargets(markdown)).toEqual([
      '../../packages/task-token',
      'https://www.npmjs.com/package/@vidgo-sdk/core',
      '#top',
    ]);
    expect(linkProblems(root, readme, markdown, undefined)).toEqual([]);
  });
});
