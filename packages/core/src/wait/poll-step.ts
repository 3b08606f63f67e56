import type { Task } from '../types.ts';
import { adaptiveStrategy, type PollStrategy } from './adaptive-strategy.ts';
import { isRetryableError } from './is-retryable-error.ts';
import { TaskFailedError, WaitTimeoutError } from './wait-errors.ts';
import { observe, type WaitState } from './wait-state.ts';

/** What the engine is told: what one poll came to, or why it is asked without one. */
export type PollOutcome =
  /** The poll answered with this task. */
  | { task: Task }
  /** The poll failed; `lastTask` is the task seen before, for a timeout's report. */
  | { error: unknown; lastTask?: Task }
  /** No poll yet: the wait wakes (an alarm, a resume). Poll now, unless the deadline has passed. */
  | { due: true; lastTask?: Task };

/** What the driver does next. */
export type PollAction =
  /** Poll again after `ms`; `retry` is the error this sleep backs off from (report it). */
  | { type: 'sleep'; ms: number; retry?: unknown }
  /** The task finished. */
  | { type: 'finish'; task: Task }
  /** The task failed (`task` set, `error` a TaskFailedError), or the poll failed beyond retrying. */
  | { type: 'fail'; error: unknown; task?: Task }
  /** The deadline came: the task may still finish, and `error.state` resumes the wait. */
  | { type: 'timeout'; error: WaitTimeoutError };

export interface PollStep {
  /** The wait's next state: a new object, to store or to pass to the next step. */
  state: WaitState;
  /** Set when status or progress changed: the task to report (`onProgress`, yield, broadcast). */
  changed?: Task;
  action: PollAction;
}

/** The schedule's bounds, as `WaitOptions` and the TaskWatcher's options name them. */
export interface StepOptions {
  /** Never poll faster than this. Default 2000, as the Vidgo docs ask. */
  minIntervalMs?: number;
  /** Never sleep longer than this, unless `Retry-After` says so. Default 60 000. */
  maxIntervalMs?: number;
  strategy?: PollStrategy;
  /** Whether waiting can get past a failed poll. Default `isRetryableError`. */
  retryable?: (error: unknown) => boolean;
  /** What the wait errors name as the failed call. Default `waitForTask`; `TaskPool` for a pool. */
  operation?: string;
}

// Statuses the schedule knows; any other counts as a failure, and the schedule backs off.
const KNOWN = ['not_started', 'running', 'finished', 'failed'];

/**
 * The polling engine, one step at a time, as a pure function: from the wait's state, what one
 * poll came to and the time, the next state and what to do. `waitForTask`, `watchTask`,
 * `TaskPool` and the Workers `TaskWatcher` all run it; they only send the polls and keep the time.
 * The state given is not changed.
 */
export function pollStep(state: WaitState, outcome: PollOutcome, now: number, options?: StepOptions): PollStep {
  if (!('due' in outcome)) return stepAfterPoll(state, outcome, now, options);
  const next = { ...state };
  return {
    state: next,
    changed: undefined,
    action: now < next.deadline ? { type: 'sleep', ms: 0 } : timedOut(next, outcome.lastTask, now, options?.operation),
  };
}

/**
 * `pollStep` for an outcome with a poll: what `waitForTask` runs. Apart, so that the wake-up
 * without one (`due`), which only the TaskWatcher and benchmarks send, stays out of its bundle.
 */
export function stepAfterPoll(
  state: WaitState,
  outcome: Exclude<PollOutcome, { due: true }>,
  now: number,
  options: StepOptions = {},
): PollStep {
  const {
    minIntervalMs = 2000,
    maxIntervalMs = 60_000,
    strategy = adaptiveStrategy,
    retryable = isRetryableError,
    operation = 'waitForTask',
  } = options;
  const next: WaitState = { ...state, attempts: state.attempts + 1 };
  const { deadline } = next;
  let action: PollAction | undefined;
  let delay: number | undefined;
  let retry: unknown;
  let changed: Task | undefined;
  const { task, lastTask = task, error } = outcome as { task?: Task; lastTask?: Task; error?: unknown };
  if (task) {
    const { status, task_id: taskId, error_message: errorMessage } = task;
    if (observe(next, task, now)) changed = task;
    next.failures = KNOWN.includes(status) ? 0 : next.failures + 1;
    if (status === 'failed') {
      const failed = new TaskFailedError(
        `${operation}("${taskId}"): the task failed: ${errorMessage ?? 'no reason given'}`,
        {
          operation,
          taskId,
          task,
          errorMessage,
        },
      );
      action = { type: 'fail', error: failed, task };
    } else if (status === 'finished') action = { type: 'finish', task };
    else delay = Math.min(Math.max(strategy(next, now), minIntervalMs), maxIntervalMs);
  } else if (now < deadline) {
    // (A poll cut off by the deadline falls through to the timeout, whatever the error says.)
    const { retryAfterMs } = error as { retryAfterMs?: number };
    // A Retry-After beyond the deadline cannot be honoured: the server's word is the better error.
    if (!retryable(error) || now + retryAfterMs! > deadline) action = { type: 'fail', error };
    else {
      next.failures++;
      // Retry-After wins over the schedule and its ceiling.
      delay = Math.max(retryAfterMs ?? Math.min(strategy(next, now), maxIntervalMs), minIntervalMs);
      retry = error;
    }
  }
  // No action yet: sleep, unless the last poll's time has come (or the deadline has passed). The
  // last poll goes out a second before the deadline, so that its answer can still count.
  const untilLastPoll = deadline - 1000 - now;
  action ??=
    delay !== undefined && untilLastPoll > 0
      ? { type: 'sleep', ms: Math.min(delay, untilLastPoll), retry }
      : timedOut(next, lastTask, now, operation);
  return { state: next, changed, action };
}

function timedOut(state: WaitState, lastTask: Task | undefined, now: number, operation = 'waitForTask'): PollAction {
  const { taskId, startedAt } = state;
  const elapsedMs = now - startedAt;
  const error = new WaitTimeoutError(
    `${operation}("${taskId}"): not done after ${Math.round(elapsedMs / 1000)} s ` +
      `(last seen ${lastTask?.status ?? 'never'}); it may still finish`,
    { operation, taskId, lastTask, elapsedMs, state },
  );
  return { type: 'timeout', error };
}
