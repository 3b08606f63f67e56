import type { Task } from '../types.ts';
import { PLAUSIBLE_AGE_MS, plausibleCreation } from './created-time.ts';

/**
 * Everything a wait knows, as plain JSON: persist it (`onState`) and `client.resumeWait(state)`
 * carries on in another process or runtime, with the same deadline unless `timeoutMs` sets a new
 * one. Times are epoch ms, on the client's clock.
 */
export interface WaitState {
  /** The task being waited for. */
  taskId: string;
  /** When the wait began. */
  startedAt: number;
  /** When the wait gives up with a `WaitTimeoutError`. */
  deadline: number;
  /** Polls sent so far. */
  attempts: number;
  /** Polls in a row that failed or showed an unknown status: drives the backoff. */
  failures: number;
  /** The status seen last. */
  status?: string;
  /** The progress (0–100) seen last. */
  progress?: number;
  /**
   * When the task was created, as far as the client can tell: the submit, or `created_time` when
   * it fits what the client saw, or else the wait's start (the task existed by then). Never
   * later than `startedAt`; set by the first observation.
   */
  createdAt?: number;
  /** How long such a task typically takes, `[shortest, longest]` ms. */
  expected?: [number, number];
  /** `[time, progress]` seen last before progress began to move: where the rate is measured from. */
  anchor?: [number, number];
  /** `[time, progress]` when progress last moved. */
  moved?: [number, number];
}

/** Takes one observation into the state; true when status or progress changed. */
export function observe(state: WaitState, task: Task, now: number): boolean {
  const { status, progress } = task;
  const { progress: last, createdAt: known, startedAt } = state;
  const changed = status !== state.status || progress !== last;
  if (progress !== undefined) {
    // Also true when there is no earlier reading (`last` undefined).
    if (!(progress >= last!)) {
      // A first reading, or progress went backwards: measure afresh from here.
      state.anchor = [now, progress];
      state.moved = undefined;
    } else if (progress > last!) {
      state.moved = [now, progress];
    } else if (!state.moved) {
      // Not moving yet (queued, or no progress reported): the rate is measured from the last such sighting.
      state.anchor = [now, progress];
    }
  }
  // Where the age of the task is counted from. A time known before (the submit) is kept; so is
  // one a state saved by an earlier version holds, unless it is one that version could misplace
  // (a zoneless `created_time` of a zone behind UTC read as hours old). Otherwise `created_time`
  // when plausible, else the wait's start: an age counted from there is never too high.
  // (`known` undefined compares false.)
  state.createdAt = Math.min(
    known! >= startedAt - PLAUSIBLE_AGE_MS ? known! : (plausibleCreation(task.created_time, startedAt) ?? startedAt),
    startedAt,
  );
  state.status = status;
  state.progress = progress;
  return changed;
}
