// The Worker in workerd (@cloudflare/vitest-pool-workers), with its own wrangler.jsonc, talking to a
// simulated Vidgo that test/global-setup.ts starts on 127.0.0.1 (miniflare lets workerd reach it).
import { fileURLToPath } from 'node:url';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineProject } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const source = { conditions: ['@vidgo-sdk/source'] };

export default defineProject({
  plugins: [
    cloudflareTest(({ inject }) => {
      const vidgo = inject('simulatedVidgo');
      return {
        main: here('./src/index.ts'),
        wrangler: { configPath: here('./wrangler.jsonc') },
        // What `wrangler secret put` and "vars" would give the deployed Worker.
        miniflare: { bindings: { VIDGO_API_KEY: vidgo.apiKey, VIDGO_BASE_URL: vidgo.baseUrl } },
      };
    }),
  ],
  resolve: source,
  ssr: { resolve: source },
  // Vitest loads the global setup in its own `__vitest__` environment, which the lines above miss.
  environments: { __vitest__: { resolve: { conditions: ['@vidgo-sdk/source', 'node', 'import', 'default'] } } },
  test: {
    name: 'example-cloudflare-worker',
    include: ['test/**/*.test.ts'],
    globalSetup: [here('./test/global-setup.ts')],
    testTimeout: 30_000,
  },
});
