import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@vidgo-sdk/source'] },
  ssr: { resolve: { conditions: ['@vidgo-sdk/source'] } },
  test: {
    name: 'example-browser-follow',
    include: ['test/**/*.test.ts'],
  },
});
