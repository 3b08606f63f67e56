// What the test page runs: the portable suite over the core that the page's import map names
// (`/core.js`, the browser bundle), registered by name for the runner to call one by one.
import * as core from '@vidgo-sdk/core';
import { createVidgoSimulator, VirtualClock } from '@vidgo-sdk/testing';
import { defineConformanceSuite } from '../../../src/index.ts';

export interface CheckResult {
  ok: boolean;
  error?: string;
}

const params = new URLSearchParams(location.search);
const checks = new Map<string, () => Promise<void>>();
defineConformanceSuite(
  { test: (name, body) => void checks.set(name, body) },
  {
    core,
    testing: { createVidgoSimulator, VirtualClock },
    server: { url: params.get('server')!, apiKey: params.get('key')! },
    // No file system in a page: the download checks are for the runtimes that have one.
    download: null,
  },
);

Object.assign(globalThis, {
  conformance: {
    names: [...checks.keys()],
    async run(name: string): Promise<CheckResult> {
      try {
        await checks.get(name)!();
        return { ok: true };
      } catch (error) {
        return {
          ok: false,
          error: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error),
        };
      }
    },
  },
});
