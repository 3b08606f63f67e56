import { defineConfig } from 'tsup';

// The Node entrypoint as one file: the workspace packages bundled from source (no build of
// theirs needed first), third-party packages left to node_modules.
export default defineConfig({
  entry: { node: 'src/entry/node.ts' },
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
