// The bindings of the test Workers (test/support/wrangler.jsonc and vitest.config.ts).
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
