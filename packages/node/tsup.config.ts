import { defineConfig } from 'tsup';

// Keep `node:` in specifiers (tsup strips the prefix by default).
const shared = { sourcemap: true, treeshake: true, removeNodeProtocol: false, target: 'node20' } as const;

export default defineConfig([
  {
    ...shared,
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    // Both configs build at once into dist/: this one cleans, but spares the CLI's files.
    clean: ['!cli.js', '!cli.js.map'],
  },
  {
    ...shared,
    // A Node program with top-level await: ESM only, no types. The shebang comes from the source.
    entry: ['src/cli.ts'],
    format: ['esm'],
    platform: 'node',
  },
]);
