// The schedules published clients use, as strategies for the same engine, so that the benchmark
// compares schedules and nothing else. Each takes the engine's wait state and the time.
import type { PollStrategy } from '@vidgo-sdk/core/internal';

/** Replicate and fal poll every 0.5 s; the Vidgo docs' example every 2 s; OpenAI's helpers every 5 s. */
export const fixed =
  (ms: number): PollStrategy =>
  () =>
    ms;

/** Runway's SDK: about 6 s between polls, jittered by ±1.5 s. */
export const runway =
  (random: () => number): PollStrategy =>
  () =>
    6000 + (random() * 2 - 1) * 1500;

/** AWS SDK waiters: a random delay between 2 s and min(120 s, 2 s × 2^attempt). */
export const awsWaiter =
  (random: () => number): PollStrategy =>
  (state) => {
    const ceiling = Math.min(120_000, 2000 * 2 ** (state.attempts - 1));
    return 2000 + random() * Math.max(0, ceiling - 2000);
  };
