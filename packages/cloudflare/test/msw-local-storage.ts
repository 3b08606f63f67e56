// Imported before anything else by the conformance Worker. msw (which @vidgo-sdk/testing imports
// for its msw face) builds a cookie store when it loads: it takes a runtime with
// `process.versions.node` for Node, and otherwise requires `localStorage`, throwing
// "Failed to create a CookieStore: `localStorage` is not available in this environment" when
// there is none. workerd without nodejs_compat has neither, so msw cannot load there as it is;
// an in-memory localStorage lets it. The core under test never looks at localStorage.
// (An export the Worker uses: this package says `sideEffects: false`, so a bare import would be dropped.)
const globals = globalThis as { localStorage?: unknown; process?: unknown };
export const localStorageShimmed = globals.localStorage === undefined && globals.process === undefined;
if (localStorageShimmed) {
  const items = new Map<string, string>();
  globals.localStorage = {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, String(value)),
    removeItem: (key: string) => void items.delete(key),
  };
}
