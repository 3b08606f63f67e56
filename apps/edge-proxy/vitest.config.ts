import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@vidgo-sdk/source'] },
  ssr: { resolve: { conditions: ['@vidgo-sdk/source'] } },
  test: {
    name: 'edge-proxy',
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/support/bundle-demo.global-setup.ts'],
  },
});
