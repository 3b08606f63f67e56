import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@vidgo-sdk/source'] },
  ssr: { resolve: { conditions: ['@vidgo-sdk/source'] } },
  test: {
    name: 'edge-proxy',
    include: ['test/**/*.test.ts'],
    // Whole-app suites: thousands of requests, real sockets and processes. A hang still fails, and
    // a loaded 2-core machine does not.
    testTimeout: 20_000,
    globalSetup: ['./test/support/bundle-demo.global-setup.ts'],
  },
});
