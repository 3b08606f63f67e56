// The vitest project that runs the portable conformance suite in workerd, with or without
// nodejs_compat (vitest.conformance*.config.ts). The Workers pool adds nodejs_compat to the isolate
// the test files run in, whatever the configuration says, so the suite runs in a Worker of its own
// (test/conformance-worker.ts), bundled here as wrangler would bundle it, with exactly the flags
// asked for; the test file drives it through a service binding.
import { fileURLToPath } from 'node:url';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { build } from 'esbuild';
import { defineProject, type UserWorkspaceConfig } from 'vitest/config';

export const COMPATIBILITY_DATE = '2026-04-01';
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const source = { conditions: ['@vidgo-sdk/source'] };

let bundled: Promise<string> | undefined;

/** The conformance Worker as one ES module: from sources, with the workerd/worker/browser conditions wrangler uses. */
function bundleConformanceWorker(): Promise<string> {
  bundled ??= build({
    entryPoints: [here('./conformance-worker.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['@vidgo-sdk/source', 'workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
    // Left to workerd, as wrangler leaves them: without nodejs_compat a `node:` import fails, which is the point.
    external: ['node:*', 'cloudflare:*'],
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text);
  return bundled;
}

export function conformanceProject({ nodejsCompat }: { nodejsCompat: boolean }): UserWorkspaceConfig {
  return defineProject({
    plugins: [
      cloudflareTest(async ({ inject }) => {
        const server = inject('vidgoServer');
        return {
          miniflare: {
            compatibilityDate: COMPATIBILITY_DATE,
            bindings: { NODEJS_COMPAT: String(nodejsCompat) },
            serviceBindings: { CONFORMANCE: 'conformance' },
            workers: [
              {
                name: 'conformance',
                // One module given whole: miniflare then leaves its imports to workerd (the
                // simulator's `import('node:http')`, for its server face, is never called here).
                modules: [
                  { type: 'ESModule', path: 'conformance-worker.mjs', contents: await bundleConformanceWorker() },
                ],
                compatibilityDate: COMPATIBILITY_DATE,
                compatibilityFlags: nodejsCompat ? ['nodejs_compat'] : [],
                bindings: { SERVER_URL: server.url, SERVER_API_KEY: server.apiKey },
              },
            ],
          },
        };
      }),
    ],
    resolve: source,
    ssr: { resolve: source },
    test: {
      name: nodejsCompat ? 'cloudflare-conformance-nodejs-compat' : 'cloudflare-conformance',
      include: [here('./conformance.test.ts')],
      globalSetup: [here('./global-setup.ts')],
    },
  });
}
