import { defineConfig } from 'tsup';

const shared = { entry: ['src/index.ts'], dts: true, sourcemap: true, treeshake: true, target: 'es2022' };

export default defineConfig([
  { ...shared, format: ['esm'], clean: true },
  // jose ships ESM only, which `require` loads only from Node 20.19 on: the CJS build carries its own copy.
  { ...shared, format: ['cjs'], noExternal: ['jose'] },
]);
