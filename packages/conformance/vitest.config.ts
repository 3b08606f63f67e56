import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@vidgo-sdk/source'] },
  ssr: { resolve: { conditions: ['@vidgo-sdk/source'] } },
  test: {
    // Node, Deno and workerd run the suite from their own packages; this project runs it in Chromium.
    name: 'conformance-chromium',
    include: ['test/**/*.test.ts'],
  },
});
