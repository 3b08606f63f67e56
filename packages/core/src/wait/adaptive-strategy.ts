import type { WaitState } from './wait-state.ts';

/**
 * The `strategy` option of a wait or a `TaskPool`: given the wait's state and the time now (ms),
 * decides how long to sleep before the next poll. The engine clamps the answer between
 * `minIntervalMs` and `maxIntervalMs` and never past the deadline.
 */
export type PollStrategy = (state: WaitState, now: number) => number;

/** The statuses of a task on its way; with `finished` and `failed`, all the statuses known. */
export const ACTIVE_STATUSES = ['not_started', 'running'];

/** When the task should finish, by its progress, or else by its kind and age. */
export function predictedFinish({ anchor, moved, createdAt, startedAt, expected }: WaitState): number {
  if (moved && anchor && moved[1] > anchor[1])
    return moved[0] + ((100 - moved[1]) * (moved[0] - anchor[0])) / (moved[1] - anchor[1]);
  return (createdAt ?? startedAt) + (expected?.[0] ?? 15_000);
}

/**
 * The default schedule: sleep long while nothing can have changed, and poll right around the
 * predicted finish.
 * - Queued: a task that has not started cannot finish sooner than its shortest typical duration,
 *   so polling twice within that span notices the start in time.
 * - Moving progress: the rate since progress began to move predicts the finish; sleep a share of
 *   what remains (more of it once the baseline is longer than what remains), so estimation errors
 *   shrink as the finish nears and the prediction is never overshot by much. Progress that stops
 *   moving when the rate says it should have (steps, stalls, a task stuck at 99 %) voids the
 *   prediction.
 * - No usable progress: nothing is expected before the shortest typical duration has passed.
 * - Past the longest typical duration: back off gently, as something is slow.
 * Errors and unknown statuses back off exponentially.
 *
 * The task's age counts from `createdAt`, which is never later than the wait's start: an age
 * that is too high only shortens sleeps. The one rule that lengthens sleeps with age, the
 * backoff of a slow task, counts only the time this wait has watched, so a misread
 * `created_time` can cost requests but never lag.
 */
export const adaptiveStrategy: PollStrategy = (state, now) => {
  const { status, anchor, moved, createdAt, startedAt, failures } = state;
  const [shortest, longest] = state.expected ?? [15_000, 300_000];
  if (failures || !ACTIVE_STATUSES.includes(status!)) return 1000 * 2 ** failures;
  if (status === 'not_started') return shortest / 2;
  const age = now - (createdAt ?? startedAt);
  const priorWait = shortest - age;
  if (moved && anchor) {
    const baseline = moved[0] - anchor[0];
    const rate = (moved[1] - anchor[1]) / baseline;
    // Progress that should have moved by now but has not (steps, a stall) voids the prediction.
    if (rate * (now - moved[0]) > 2) return priorWait;
    const remaining = moved[0] + (100 - moved[1]) / rate - now;
    return Math.max(
      priorWait,
      // Close to a finish predicted precisely (a long baseline, and progress points that tick
      // faster than once a second): aim just past it, to catch it in one poll.
      baseline > 3 * remaining && remaining < 10_000 && rate > 0.001
        ? remaining + 250
        : // Otherwise a share of what remains, and never further ahead than twice the span measured.
          Math.min(2 * baseline, remaining * (baseline > remaining ? 0.7 : 0.5)),
    );
  }
  const watched = now - startedAt;
  return watched > longest ? (watched - longest) / 4 : priorWait;
};
