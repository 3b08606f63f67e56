import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@vidgo-sdk/source'] },
  ssr: { resolve: { conditions: ['@vidgo-sdk/source'] } },
  test: {
    name: 'node',
    include: ['test/**/*.test.ts'],
  },
});
