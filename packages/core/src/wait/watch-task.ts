import type { Clock } from '../clock.ts';
import type { VidgoAPIError } from '../errors/api-errors.ts';
import type { VidgoError } from '../errors/vidgo-error.ts';
import { guard, sleep } from '../internal/guard.ts';
import type { RetryEvent } from '../internal/transport.ts';
import type { Task } from '../types.ts';
import type { PollStrategy } from './adaptive-strategy.ts';
import { expectedDuration } from './expected-duration.ts';
import { stepAfterPoll, type PollAction, type PollOutcome } from './poll-step.ts';
import type { WaitState } from './wait-state.ts';

/** The options of a wait (`waitForTask`, `watchTask`, `resumeWait`): its deadline, its schedule and its hooks. */
export interface WaitOptions {
  /** Aborting stops the wait at once, even mid-sleep: it rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * One deadline over the whole wait, retries included, counted from when polling starts.
   * Default 15 minutes. `resumeWait` keeps the saved deadline unless this sets a new one.
   */
  timeoutMs?: number;
  /** Never poll faster than this. Default 2000, as the Vidgo docs ask. */
  minIntervalMs?: number;
  /** Never sleep longer than this between polls, unless `Retry-After` says so. Default 60 000. */
  maxIntervalMs?: number;
  /** The model that runs the task: its typical duration shapes the schedule. */
  model?: string;
  /** How long the task should take, in ms, or `[shortest, longest]`; overrides `model`. */
  expectedDurationMs?: number | [number, number];
  /** Replaces the schedule (see `adaptiveStrategy`). */
  strategy?: PollStrategy;
  /** Once per observed change of status or progress (`watchTask` yields the same tasks). */
  onProgress?: (task: Task) => void;
  /** Before each retry of a failed poll (not for 429s, which go to `onThrottle`). */
  onRetry?: (event: RetryEvent) => void;
  /** Before each wait that a 429 imposed. */
  onThrottle?: (event: RetryEvent) => void;
  /** After each poll, with the state to persist for `resumeWait`. */
  onState?: (state: WaitState) => void;
}

export interface WaitContext {
  getTask: (taskId: string, options: { signal: AbortSignal; onRetry: (event: RetryEvent) => void }) => Promise<Task>;
  clock: Clock;
  retryable: (error: unknown) => boolean;
}

/** A fresh state for a wait that starts now. */
export function startWait(taskId: string, options: WaitOptions, now: number, createdAt?: number): WaitState {
  const { expectedDurationMs: expected, model } = options;
  return {
    taskId,
    startedAt: now,
    deadline: now + (options.timeoutMs ?? 900_000),
    attempts: 0,
    failures: 0,
    createdAt,
    expected:
      typeof expected === 'number'
        ? [expected / 2, expected * 2]
        : (expected ?? (model ? expectedDuration(model) : undefined)),
  };
}

/**
 * Drives the engine step with real requests and sleeps: yields the task at each observed change,
 * and returns the terminal task. Bounded by the state's deadline, cancelled by the signal or by
 * leaving the loop, with nothing left scheduled once it ends. Throws WaitTimeoutError, a poll's
 * final error, the abort reason, or (when `throwFailed`) the TaskFailedError of a failed task.
 */
export async function* runWait(
  context: WaitContext,
  state: WaitState,
  options: WaitOptions,
  throwFailed?: boolean,
): AsyncGenerator<Task, Task> {
  const { clock, getTask } = context;
  const { signal } = options;
  const stepOptions = { ...options, retryable: context.retryable };
  if (options.timeoutMs !== undefined) state = { ...state, deadline: clock.now() + options.timeoutMs };
  const report = (event: RetryEvent) =>
    ((event.error as VidgoAPIError).status === 429 ? options.onThrottle : options.onRetry)?.(event);
  // The first poll goes out at once; a deadline already past cuts it off, and the step says so.
  let action: PollAction = { type: 'sleep', ms: 0 };
  let lastTask: Task | undefined;
  while (action.type === 'sleep') {
    const { ms, retry } = action;
    if (retry !== undefined)
      report({
        operation: 'waitForTask',
        taskId: state.taskId,
        attempt: state.failures,
        delayMs: ms,
        error: retry as VidgoError,
      });
    // Sleeps end before the deadline (the step's doing): only the signal cuts them short.
    if (ms > 0) await sleep(ms, clock, signal);
    let outcome: PollOutcome;
    try {
      // A request that hangs is cut at the deadline, and aborted, as on the caller's abort.
      const task = await guard(state.deadline - clock.now(), clock, signal, deadlineReached, (requestSignal) =>
        getTask(state.taskId, { signal: requestSignal, onRetry: report }),
      );
      outcome = { task: (lastTask = task) };
    } catch (error) {
      // An abort ends the wait here, before the step could count it as a failed poll. (`guard`
      // and `sleep` reject at once on an abort, so a signal aborted before the wait sends nothing.)
      if (signal?.aborted) throw signal.reason;
      // At the deadline, the step turns this into the timeout.
      outcome = { error, lastTask };
    }
    let changed: Task | undefined;
    ({ state, action, changed } = stepAfterPoll(state, outcome, clock.now(), stepOptions));
    options.onState?.(state);
    if (changed) {
      options.onProgress?.(changed);
      yield changed;
    }
  }
  // `watchTask` ends on a failed task without throwing for it; `waitForTask` throws.
  // (The finished task, or the failed one, comes with a task; a failed task, with an error.)
  const { task, error } = action as { task?: Task; error?: unknown };
  if (task && !(throwFailed && error)) return task;
  throw error;
}

// What a poll cut at the deadline fails with. The step reads any failure past the deadline as the
// timeout and never reports it, so it stays short: every waitForTask bundle carries it.
const deadlineReached = (): never => {
  throw new Error('deadline');
};

/** `watchTask`: the same loop, ending on the terminal task (failed included) without throwing for it. */
export async function* watchLoop(
  context: WaitContext,
  state: WaitState,
  options: WaitOptions,
): AsyncGenerator<Task, void> {
  yield* runWait(context, state, options);
}
