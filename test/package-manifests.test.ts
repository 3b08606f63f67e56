import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const read = (path: string) => readFile(join(root, path), 'utf8');
const NPM_PACKAGES = ['core', 'testing', 'node', 'cloudflare', 'task-token'];

describe('published packages', () => {
  it('each carries the MIT LICENSE of the repository, word for word', async () => {
    const license = await read('LICENSE');
    expect(license).toMatch(/^MIT License\n/);
    for (const name of [...NPM_PACKAGES, 'deno']) expect(await read(`packages/${name}/LICENSE`)).toBe(license);
    const jsr = JSON.parse(await read('packages/deno/deno.json'));
    expect(jsr.publish.include).toEqual(expect.arrayContaining(['README.md', 'LICENSE']));
  });

  it('each on npm says MIT, ships README and LICENSE, and runs on Node 20 and later', async () => {
    for (const name of NPM_PACKAGES) {
      const manifest = JSON.parse(await read(`packages/${name}/package.json`));
      expect({ name, private: manifest.private }).toEqual({ name, private: undefined });
      expect(manifest.license).toBe('MIT');
      expect(manifest.files).toEqual(expect.arrayContaining(['README.md', 'LICENSE']));
      expect(manifest.engines).toEqual({ node: '>=20' });
    }
  });

  it('each public entry point is in the API reference (all but ./internal, which semver does not cover)', async () => {
    for (const name of NPM_PACKAGES) {
      const manifest = JSON.parse(await read(`packages/${name}/package.json`));
      const documented: string[] = JSON.parse(await read(`packages/${name}/typedoc.json`)).entryPoints;
      const sources = Object.entries(manifest.exports as Record<string, { '@vidgo-sdk/source'?: string }>)
        .filter(([subpath]) => subpath !== './package.json' && subpath !== './internal')
        .map(([, conditions]) => conditions['@vidgo-sdk/source']?.replace(/^\.\//, ''));
      expect({ name, documented: documented.sort() }).toEqual({ name, documented: sources.sort() });
    }
    const jsr = JSON.parse(await read('packages/deno/deno.json'));
    expect(JSON.parse(await read('packages/deno/typedoc.json')).entryPoints).toEqual([jsr.exports['.'].slice(2)]);
  });
});
