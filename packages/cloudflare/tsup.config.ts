import { defineConfig } from 'tsup';

// ESM only: Workers load ES modules, and wrangler bundles from them.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
  // The Workers runtime's own module (TaskWatcher's base class): left for wrangler, as in any Worker.
  external: ['cloudflare:workers'],
});
