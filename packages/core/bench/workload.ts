import type { PollStrategy } from '@vidgo-sdk/core/internal';
import type { CreatedTimeClock } from '../test/support/created-time-zone.ts';
import { meanInterval, percentile, percentileInterval } from './statistics.ts';

export type Kind = 'image' | 'video';
export type Progress = 'linear' | 'stepwise' | 'none';

export interface Workload {
  kind: Kind;
  progress: Progress;
  tasks: number;
  seed: number;
  /** How the simulated Vidgo writes `created_time`. Default UTC. */
  createdTime?: CreatedTimeClock;
}

export interface Contender {
  name: string;
  /** Undefined: the engine's own adaptive schedule. */
  strategy?: PollStrategy;
  /** Published clients poll as fast as their schedule says; ours keeps the docs' 2 s floor. */
  minIntervalMs: number;
}

export interface WaitStats {
  tasks: number;
  requestsPerTask: number;
  /** Half-width of the 95 % confidence interval of `requestsPerTask`. */
  requestsMargin: number;
  lagP50Ms: number;
  lagP95Ms: number;
  /** 95 % confidence interval of the p95 lag. */
  lagP95IntervalMs: [number, number];
  lagMaxMs: number;
}

export const DURATIONS: Record<Kind, [number, number]> = { image: [15_000, 60_000], video: [90_000, 300_000] };
export const MODELS: Record<Kind, string> = { image: 'gpt-image-2', video: 'sora-2' };
/** A year after the docs' example `created_time`, so that value reads a year old, as it does today. */
export const START = Date.parse('2026-11-12T10:30:00Z');

/** Lags (ms from the finish to the waiter knowing) and requests, per task. */
export function summarize(lags: number[], requests: number[]): WaitStats {
  const sorted = [...lags].sort((a, b) => a - b);
  const [requestsPerTask, requestsMargin] = meanInterval(requests);
  return {
    tasks: lags.length,
    requestsPerTask,
    requestsMargin,
    lagP50Ms: percentile(sorted, 0.5),
    lagP95Ms: percentile(sorted, 0.95),
    lagP95IntervalMs: percentileInterval(sorted, 0.95),
    lagMaxMs: sorted.at(-1)!,
  };
}
