// Runs a TypeScript file on Node 20 (which cannot strip types): esbuild bundles it with the
// workspace packages from source (the `@vidgo-sdk/source` condition), leaving other packages
// to Node. Used by the benchmarks: `node scripts/run-ts.mjs packages/core/bench/polling.ts`.
import { build } from 'esbuild';
import { mkdirSync, renameSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs FILE.ts [ARGS...]');
  process.exit(2);
}
const source = resolve(entry);
const cache = join(dirname(source), 'node_modules', '.cache', 'run-ts');
mkdirSync(cache, { recursive: true });
const outfile = join(cache, `${basename(source, '.ts')}.mjs`);
// Written under a name of this process's own, then renamed into place: two processes starting the
// same file at once (the proxy's entrypoint test and the browser-follow example) never import half
// of the other's write.
const ownFile = `${outfile}.${process.pid}.tmp.mjs`;

await build({
  entryPoints: [source],
  outfile: ownFile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'inline',
  conditions: ['@vidgo-sdk/source'],
  logLevel: 'warning',
  plugins: [
    {
      name: 'external-dependencies',
      setup(context) {
        context.onResolve({ filter: /^[^./]/ }, ({ path }) =>
          path.startsWith('@vidgo-sdk/') ? undefined : { path, external: true },
        );
      },
    },
  ],
});
renameSync(ownFile, outfile);
process.argv = [process.argv[0], source, ...args];
await import(pathToFileURL(outfile).href);
