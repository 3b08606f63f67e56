// This package's own tests (TaskWatcher, cachedGetTask, createVidgoClient), in workerd, in the test
// Worker of test/support. The repository's root `vitest run` picks this project up.
import { fileURLToPath } from 'node:url';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineProject } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const source = { conditions: ['@vidgo-sdk/source'] };

export default defineProject({
  plugins: [
    cloudflareTest({
      main: here('./test/support/test-worker.ts'),
      wrangler: { configPath: here('./test/support/wrangler.jsonc') },
    }),
  ],
  resolve: source,
  ssr: { resolve: source },
  // The conformance suite runs in its own projects (vitest.conformance*.config.ts), with its own Worker.
  test: { name: 'cloudflare', include: ['test/**/*.test.ts'], exclude: ['test/conformance.test.ts'] },
});
