import { build, type BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** How each bundle is built: an ES module for browsers, the workspace packages read from source. */
const browser: BuildOptions & { write: false } = {
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  conditions: ['@vidgo-sdk/source'],
  logLevel: 'warning',
};

/**
 * The two modules the page loads: `core.js`, `@vidgo-sdk/core` as a browser gets it (one minified
 * ES2022 module, built by esbuild from the sources with tsup's settings), and `suite.js`, the
 * conformance suite with the simulator, which imports the core by name, so that the checks run
 * against that bundle and nothing else.
 */
export async function browserBundles(): Promise<{ core: string; suite: string }> {
  const [core, suite] = await Promise.all([
    build({ ...browser, entryPoints: [here('../../../../core/src/index.ts')], minify: true }),
    build({
      ...browser,
      entryPoints: [here('./page-entry.ts')],
      // `node:http` is what the simulator's `listen` loads on demand: never called in the page.
      external: ['node:*'],
      // `@vidgo-sdk/core` alone (the library under test, from the page's import map); an
      // `external` entry would take its subpaths too, and the fixture's encoder is bundled.
      plugins: [
        {
          name: 'core-from-the-page',
          setup: (build) => build.onResolve({ filter: /^@vidgo-sdk\/core$/ }, () => ({ external: true })),
        },
      ],
    }),
  ]);
  return { core: core.outputFiles[0]!.text, suite: suite.outputFiles[0]!.text };
}
