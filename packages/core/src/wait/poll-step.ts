import { isTerminal } from '../is-terminal.ts';
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
}

// The last poll goes out this long before the deadline, so that its answer can still count.
const LAST_POLL_LEAD_MS = 1000;
const KNOWN = ['not_started', 'running'];

/**
 * The polling engine, one step at a time, as a pure function: from the wait's state, what one
 * poll came to and the time, the next state and what to do. `waitForTask`, `watchTask`,
 * `TaskPool` and the Workers `TaskWatcher` all run it; they only send the polls and keep the time.
 * The state given is not changed.
 */
export function pollStep(state: WaitState, outcome: PollOutcome, now: number, options: StepOptions = {}): PollStep {
  const { minIntervalMs = 2000, maxIntervalMs = 60_000, strategy = adaptiveStrategy, retryable = isRetryableError } = options;
  const next: WaitState = { ...state };
  const done = (action: PollAction, changed?: Task): PollStep => ({ state: next, changed, action });
  if ('due' in outcome) return done(now < next.deadline ? { type: 'sleep', ms: 0 } : timedOut(next, outcome.lastTask, now));
  let delay: number | undefined;
  let retry: unknown;
  let changed: Task | undefined;
  let lastTask: Task | undefined;
  next.attempts++;
  if ('task' in outcome) {
    const { task } = outcome;
    lastTask = task;
    if (observe(next, task, now)) changed = task;
    // An unknown status counts as a failure: the schedule backs off.
    next.failures = KNOWN.includes(task.status) || isTerminal(task) ? 0 : next.failures + 1;
    if (task.status === 'failed') return done({ type: 'fail', error: taskFailed(task), task }, changed);
    if (isTerminal(task)) return done({ type: 'finish', task }, changed);
  } else {
    const { error } = outcome;
    lastTask = outcome.lastTask;
    // A poll cut off by the deadline: the wait is over, whatever the error says.
    if (now >= next.deadline) return done(timedOut(next, lastTask, now));
    const { retryAfterMs } = error as { retryAfterMs?: number };
    // A Retry-After beyond the deadline cannot be honoured: the server's word is the better error.
    if (!retryable(error) || now + retryAfterMs! > next.deadline) return done({ type: 'fail', error });
    next.failures++;
    // Retry-After wins over the schedule and its ceiling.
    delay = Math.max(retryAfterMs ?? Math.min(strategy(next, now), maxIntervalMs), minIntervalMs);
    retry = error;
  }
  delay ??= Math.min(Math.max(strategy(next, now), minIntervalMs), maxIntervalMs);
  const untilLastPoll = next.deadline - LAST_POLL_LEAD_MS - now;
  if (untilLastPoll <= 0) return done(timedOut(next, lastTask, now), changed);
  const ms = Math.min(delay, untilLastPoll);
  return done({ type: 'sleep', ms, retry }, changed);
}

function taskFailed(task: Task): TaskFailedError {
  return new TaskFailedError(`waitForTask("${task.task_id}"): the task failed: ${task.error_message ?? 'no reason given'}`, {
    operation: 'waitForTask',
    taskId: task.task_id,
    task,
    errorMessage: task.error_message,
  });
}

function timedOut(state: WaitState, lastTask: Task | undefined, now: number): PollAction {
  const elapsedMs = now - state.startedAt;
  const error = new WaitTimeoutError(`waitForTask("${state.taskId}"): not done after ${Math.round(elapsedMs / 1000)} s (last seen ${lastTask?.status ?? 'never'}); it may still finish`, {
    operation: 'waitForTask',
    taskId: state.taskId,
    lastTask,
    elapsedMs,
    state,
  });
  return { type: 'timeout', error };
}
