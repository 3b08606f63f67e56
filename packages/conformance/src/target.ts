import type * as Core from '@vidgo-sdk/core';
import type * as Testing from '@vidgo-sdk/testing';
import type { DownloadTarget } from './download-target.ts';

export interface ConformanceHarness {
  test(name: string, body: () => Promise<void>): void;
}

/**
 * A simulator HTTP server the runner started (on 127.0.0.1, real time), made with
 * ```ts
 * createVidgoSimulator({
 *   clock: realClock,
 *   apiKeys: [apiKey],
 *   submitScript: () => ({ queuedMs: 0, durationMs: 300 }),
 * });
 * ```
 * so that a submitted task finishes within a second.
 */
export interface RealServer {
  url: string;
  apiKey: string;
}

export interface ConformanceTarget {
  /** The library under test: `@vidgo-sdk/core` as sources, build or packed package. */
  core: typeof Core;
  testing: Pick<typeof Testing, 'createVidgoSimulator' | 'VirtualClock'>;
  /** Where the runtime can reach one. */
  server?: RealServer;
  /**
   * The runtime package's `downloadFiles` over its file system, for the download checks; `null`
   * where there is no file system (workerd), which then skips them: said, not forgotten.
   */
  download: DownloadTarget | null;
}
