import { defineConfig } from 'tsup';

// Keep `node:` in specifiers: Deno and workerd need the prefix, and tsup strips it by default.
const shared = { sourcemap: true, treeshake: true, removeNodeProtocol: false } as const;

export default defineConfig([
  {
    ...shared,
    // `msw` is its own entry: the main one must not import msw (an optional peer).
    entry: ['src/index.ts', 'src/msw.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    target: 'es2022',
    // Both configs build at once into dist/: this one cleans, but spares the CLI's files.
    clean: ['!cli.js', '!cli.js.map'],
  },
  {
    ...shared,
    // A Node program with top-level await: ESM only, no types.
    entry: ['src/cli.ts'],
    format: ['esm'],
    target: 'node20',
    platform: 'node',
  },
]);
