// The bindings the tests see through `cloudflare:workers` (wrangler.jsonc, and the pool's bindings).
type ExampleEnv = import('../src/index.ts').Env;

declare namespace Cloudflare {
  interface Env extends ExampleEnv {}
  interface GlobalProps {
    mainModule: typeof import('../src/index.ts');
    durableNamespaces: 'TaskWatcher';
  }
}
