import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@vidgo-sdk/source'] },
  ssr: { resolve: { conditions: ['@vidgo-sdk/source'] } },
  test: { name: 'example-deno-script', include: ['test/**/*.test.ts'], testTimeout: 30_000 },
});
