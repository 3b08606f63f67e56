import type { Task } from '../types.ts';

/**
 * Everything a wait knows, as plain JSON: persist it (`onState`) and `client.resumeWait(state)`
 * carries on in another process or runtime, with the same deadline. Times are epoch ms.
 */
export interface WaitState {
  taskId: string;
  startedAt: number;
  deadline: number;
  /** Polls sent so far. */
  attempts: number;
  /** Polls in a row that failed or showed an unknown status: drives the backoff. */
  failures: number;
  status?: string;
  progress?: number;
  /** When the task was created, when known (from the submit, or `created_time` read as UTC). */
  createdAt?: number;
  /** How long such a task typically takes, `[shortest, longest]` ms. */
  expected?: [number, number];
  /** `[time, progress]` seen last before progress began to move: where the rate is measured from. */
  anchor?: [number, number];
  /** `[time, progress]` when progress last moved. */
  moved?: [number, number];
}

const MAX_CLOCK_SKEW_MS = 60_000;
const MAX_TASK_AGE_MS = 86_400_000;

/** Reads `created_time` (no timezone on the wire) as UTC; undefined when that cannot be right. */
function createdAt(task: Task, now: number): number | undefined {
  const created = Date.parse(`${task.created_time}Z`);
  return created < now + MAX_CLOCK_SKEW_MS && created > now - MAX_TASK_AGE_MS ? created : undefined;
}

/** Takes one observation into the state; true when status or progress changed. */
export function observe(state: WaitState, task: Task, now: number): boolean {
  const { status, progress } = task;
  const last = state.progress;
  const changed = status !== state.status || progress !== last;
  if (progress !== undefined) {
    if (last === undefined || progress < last) {
      // A first reading, or progress went backwards: measure afresh from here.
      state.anchor = [now, progress];
      state.moved = undefined;
    } else if (progress > last) {
      state.moved = [now, progress];
    } else if (!state.moved) {
      // Not moving yet (queued, or no progress reported): the rate is measured from the last such sighting.
      state.anchor = [now, progress];
    }
  }
  state.createdAt ??= createdAt(task, now);
  state.status = status;
  state.progress = progress;
  return changed;
}
