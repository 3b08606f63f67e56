// `pnpm test`: every workerd run of this package, in one vitest process.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['./vitest.config.ts', './vitest.conformance.config.ts', './vitest.conformance-nodejs-compat.config.ts'],
  },
});
