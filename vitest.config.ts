import { defineConfig } from 'vitest/config';

// One run over every workspace package; sources resolve through the `@vidgo-sdk/source`
// export condition, so no build is needed first.
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'packages/cloudflare/vitest.conformance*.config.ts',
      'apps/*/vitest.config.ts',
      'examples/*/vitest.config.ts',
      'test/vitest.config.ts',
    ],
    reporters: ['default', ['json', { outputFile: '.test-results.json' }]],
  },
});
