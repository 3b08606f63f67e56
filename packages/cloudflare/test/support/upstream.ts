import type { VidgoClientOptions } from '@vidgo-sdk/core';
import { createVidgoSimulator, VirtualClock, type VidgoSimulator } from '@vidgo-sdk/testing';
import type { TaskWatcherOptions } from '../../src/task-watcher.ts';

export const TEST_KEY = 'vk_test_cloudflare_0123456789';

/**
 * The simulated Vidgo the test Worker and its TaskWatcher talk to, through the simulator's fetch
 * face: tests and Durable Objects run in one isolate, so each test installs a fresh one here.
 */
export const upstream: { simulator?: VidgoSimulator<VirtualClock>; fetch: typeof fetch } = {
  fetch: (input, init) => {
    if (!upstream.simulator) throw new Error('no simulator: call useSimulator() in the test');
    return upstream.simulator.fetch(input, init);
  },
};

/**
 * A fresh simulator whose virtual clock starts now (not at the docs' 2025 date), so that
 * `created_time` is recent, or `startAgoMs` before now.
 */
export function useSimulator({
  baseUrl,
  startAgoMs = 0,
}: {
  baseUrl?: string;
  startAgoMs?: number;
} = {}): VidgoSimulator<VirtualClock> {
  const clock = new VirtualClock({ start: Date.now() - startAgoMs });
  const simulator = createVidgoSimulator({ clock, apiKeys: [TEST_KEY], ...(baseUrl ? { baseUrl } : {}) });
  upstream.simulator = simulator;
  return simulator;
}

/**
 * The test TaskWatcher's options, read when a watch starts. Long intervals by default: alarms
 * never fire on their own during a test, the tests run them (`runDurableObjectAlarm`).
 */
export const watcherOptions: TaskWatcherOptions = {};

/** Options of the test TaskWatcher's client over its defaults (`apiKey`, `timeoutMs`), read when it is made. */
export const clientOptions: Pick<VidgoClientOptions, 'apiKey' | 'timeoutMs'> = {};

export function resetWatcherOptions(): void {
  for (const key of Object.keys(watcherOptions)) delete watcherOptions[key as keyof TaskWatcherOptions];
  for (const key of Object.keys(clientOptions)) delete clientOptions[key as keyof typeof clientOptions];
  Object.assign(watcherOptions, { minIntervalMs: 60_000, maxIntervalMs: 120_000 });
}
resetWatcherOptions();

/**
 * Every simulator makes the same ids (its generator is seeded), while Durable Objects (by name)
 * and caches.default outlive a test: tasks that reach either get an id of their own.
 */
export const freshId = (): string => `task-${crypto.randomUUID()}`;
