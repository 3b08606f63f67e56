import type { Clock } from '../clock.ts';
import type { VidgoAPIError } from '../errors/api-errors.ts';
import type { VidgoError } from '../errors/vidgo-error.ts';
import { sleep } from '../internal/guard.ts';
import type { RetryEvent } from '../internal/transport.ts';
import type { Task } from '../types.ts';
import type { PollStrategy } from './adaptive-strategy.ts';
import { expectedDuration } from './expected-duration.ts';
import { pollStep, type PollAction, type PollOutcome, type PollStep } from './poll-step.ts';
import type { WaitState } from './wait-state.ts';

export interface WaitOptions {
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
    expected: typeof expected === 'number' ? [expected / 2, expected * 2] : (expected ?? (model ? expectedDuration(model) : undefined)),
  };
}

/** How a wait ends without throwing: the finished task, or the failed one with its TaskFailedError. */
export type WaitEnd = Extract<PollAction, { type: 'finish' | 'fail' }>;

/**
 * Drives the engine step (`pollStep`) with real requests and sleeps: yields the task at each
 * observed change, the terminal task last, and returns how the wait ended. Bounded by the state's
 * deadline, cancelled by the signal or by leaving the loop, with nothing left scheduled once it
 * ends. Throws WaitTimeoutError, a poll's final error, or the abort reason.
 */
export async function* runWait(context: WaitContext, state: WaitState, options: WaitOptions): AsyncGenerator<Task, WaitEnd> {
  const { clock } = context;
  const { signal, onState, onProgress } = options;
  const stepOptions = { ...options, retryable: context.retryable };
  if (options.timeoutMs !== undefined) state = { ...state, deadline: clock.now() + options.timeoutMs };
  // One signal for everything in flight: the caller's abort, the deadline, or leaving the loop.
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal!.reason);
  signal?.addEventListener('abort', onAbort);
  // A request that hangs is cut at the deadline; the step then reports the timeout.
  const deadlineTimer = clock.setTimeout(() => controller.abort(), state.deadline - clock.now());
  const report = (event: RetryEvent) => ((event.error as VidgoAPIError).status === 429 ? options.onThrottle : options.onRetry)?.(event);
  try {
    if (signal?.aborted) throw signal.reason;
    let lastTask: Task | undefined;
    // The first poll goes out at once; a deadline already past cuts it off, and the step says so.
    let step: PollStep = { state, action: { type: 'sleep', ms: 0 } };
    for (;;) {
      const { action } = step;
      if (action.type === 'timeout' || (action.type === 'fail' && !action.task)) throw action.error;
      if (action.type !== 'sleep') return action;
      if (action.retry !== undefined) {
        report({ operation: 'waitForTask', taskId: state.taskId, attempt: state.failures, delayMs: action.ms, error: action.retry as VidgoError });
      }
      if (action.ms > 0) await sleep(action.ms, clock, controller.signal);
      let outcome: PollOutcome;
      try {
        outcome = { task: (lastTask = await context.getTask(state.taskId, { signal: controller.signal, onRetry: report })) };
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        outcome = { error, lastTask };
      }
      step = pollStep(state, outcome, clock.now(), stepOptions);
      state = step.state;
      onState?.(state);
      if (step.changed) {
        onProgress?.(step.changed);
        yield step.changed;
      }
    }
  } catch (error) {
    throw signal?.aborted ? signal.reason : error;
  } finally {
    clock.clearTimeout(deadlineTimer);
    signal?.removeEventListener('abort', onAbort);
    // Leaving the loop early lands here too: stop whatever is in flight.
    controller.abort();
  }
}

/** `watchTask`: the same loop, ending on the terminal task (failed included) without throwing for it. */
export async function* watchLoop(context: WaitContext, state: WaitState, options: WaitOptions): AsyncGenerator<Task, void> {
  yield* runWait(context, state, options);
}
