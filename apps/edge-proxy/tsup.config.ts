import { defineConfig } from 'tsup';

// The Node and Bun entrypoints, each one file: the workspace packages bundled from source (no build of
// theirs needed first), third-party packages left to node_modules.
export default defineConfig({
  entry: { node: 'src/entry/node.ts', bun: 'src/entry/bun.ts' },
  // Each entry whole: no chunk shared between the runtimes.
  splitting: false,
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  clean: true,
  sourcemap: true,
  noExternal: [/^@vidgo-sdk\//],
  removeNodeProtocol: false,
  esbuildOptions(options) {
    options.conditions = ['@vidgo-sdk/source'];
  },
});
