import { createVidgoClient } from '@vidgo-sdk/core';
import type { PollStrategy } from '@vidgo-sdk/core/internal';
import { createVidgoSimulator, VirtualClock } from '@vidgo-sdk/testing';
import { seededRandom } from '@vidgo-sdk/testing';
import { percentile } from './statistics.ts';

export type Kind = 'image' | 'video';
export type Progress = 'linear' | 'stepwise' | 'none';

export interface Workload {
  kind: Kind;
  progress: Progress;
  tasks: number;
  seed: number;
}

export interface Contender {
  name: string;
  /** Undefined: the engine's own adaptive schedule. */
  strategy?: PollStrategy;
  /** Published clients poll as fast as their schedule says; ours keeps the docs' 2 s floor. */
  minIntervalMs: number;
}

export interface WaitStats {
  requestsPerTask: number;
  lagP50Ms: number;
  lagP95Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
}

const DURATIONS: Record<Kind, [number, number]> = { image: [15_000, 60_000], video: [90_000, 300_000] };
const MODELS: Record<Kind, string> = { image: 'gpt-image-2', video: 'sora-2' };

/**
 * Submits `tasks` tasks at one instant on a simulated Vidgo (virtual time) and waits for all of
 * them at once with one schedule. Lag: from the moment a task finished to the moment its waiter
 * knew.
 */
export async function measureWaits(workload: Workload, contender: Contender): Promise<WaitStats> {
  const clock = new VirtualClock();
  const simulator = createVidgoSimulator({ clock, seed: workload.seed, apiKeys: ['bench-key'] });
  const client = createVidgoClient({ apiKey: 'bench-key', baseUrl: simulator.baseUrl, fetch: simulator.fetch, clock });
  const random = seededRandom(workload.seed);
  const [shortest, longest] = DURATIONS[workload.kind];
  const model = MODELS[workload.kind];
  const start = clock.now();
  const finishAt: number[] = [];
  const ids = Array.from({ length: workload.tasks }, (_, index) => {
    const queuedMs = 500 + random() * 2500;
    const durationMs = shortest + random() * (longest - shortest);
    finishAt[index] = start + queuedMs + durationMs;
    return simulator.createTask({ model, queuedMs, durationMs, progress: workload.progress });
  });
  const lags: number[] = [];
  const waits = ids.map((id, index) =>
    client
      .waitForTask(id, {
        model,
        minIntervalMs: contender.minIntervalMs,
        timeoutMs: 3_600_000,
        ...(contender.strategy ? { strategy: contender.strategy } : {}),
      })
      .then(() => lags.push(clock.now() - finishAt[index]!)),
  );
  await clock.run(Promise.all(waits), { maxMs: 7_200_000 });
  lags.sort((a, b) => a - b);
  return {
    requestsPerTask: simulator.requests.length / workload.tasks,
    lagP50Ms: percentile(lags, 0.5),
    lagP95Ms: percentile(lags, 0.95),
    lagP99Ms: percentile(lags, 0.99),
    lagMaxMs: lags[lags.length - 1]!,
  };
}
