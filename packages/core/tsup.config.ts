import { defineConfig } from 'tsup';

export default defineConfig({
  // `internal` is the adapters' entry (src/internal/README.md), built like the public ones.
  entry: { index: 'src/index.ts', lite: 'src/lite.ts', internal: 'src/internal/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
});
