// The bindings of the test Workers (src/test-support/wrangler.jsonc and vitest.workers.config.ts).
declare namespace Cloudflare {
  interface Env {
    VIDGO_API_KEY: string;
    TASK_WATCHER: DurableObjectNamespace;
    // The conformance projects' runner.
    CONFORMANCE: Fetcher;
    NODEJS_COMPAT: string;
  }
  interface GlobalProps {
    mainModule: typeof import('./test-worker.ts');
    durableNamespaces: 'TestTaskWatcher';
  }
}
