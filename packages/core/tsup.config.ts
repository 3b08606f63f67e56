import { defineConfig } from 'tsup';

export default defineConfig({
  // `internal` is the adapters' entry (src/internal/README.md), built like the public ones.
  entry: { index: 'src/index.ts', lite: 'src/lite.ts', internal: 'src/internal/index.ts' },
  format: ['esm', 'cjs'],
  // Shared chunks for CJS too (ESM has them by default): `require('@vidgo-sdk/core')` and
  // `require('@vidgo-sdk/core/internal')` must load one copy of the errors, or `instanceof`
  // fails between what an adapter throws and what its user imports.
  splitting: true,
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
});
