import { defineDownloadChecks } from './download-checks.ts';
import { defineEventsChecks } from './events-checks.ts';
import { defineRealServerChecks } from './real-server-checks.ts';
import { defineRequestOptionsChecks } from './request-options-checks.ts';
import { defineSimulatedChecks } from './simulated-checks.ts';
import type { ConformanceHarness, ConformanceTarget } from './target.ts';

export type { ConformanceHarness, ConformanceTarget, RealServer } from './target.ts';
export type { DownloadTarget, ScratchDirectory } from './download-target.ts';
export { ConformanceFailure } from './assert.ts';

/**
 * Registers the whole suite with the runtime's test runner: `harness.test` is vitest's `it`,
 * `Deno.test`, or the Workers pool's `it`. The library under test comes in `target`, so the same
 * suite checks the sources, a build, or a packed package.
 */
export function defineConformanceSuite(harness: ConformanceHarness, target: ConformanceTarget): void {
  defineSimulatedChecks(harness, target);
  defineRequestOptionsChecks(harness, target);
  defineEventsChecks(harness, target);
  if (target.server) defineRealServerChecks(harness, target, target.server);
  if (target.download) defineDownloadChecks(harness, target.download);
}
