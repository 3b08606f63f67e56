import type { Clock } from '../clock.ts';
import type { VidgoAPIError } from '../errors/api-errors.ts';
import type { VidgoError } from '../errors/vidgo-error.ts';
import { sleep } from '../internal/guard.ts';
import type { RetryEvent } from '../internal/transport.ts';
import { isTerminal } from '../is-terminal.ts';
import type { Task } from '../types.ts';
import { ACTIVE_STATUSES, adaptiveStrategy, type PollStrategy } from './adaptive-strategy.ts';
import { expectedDuration } from './expected-duration.ts';
import { WaitTimeoutError } from './wait-errors.ts';
import { observe, type WaitState } from './wait-state.ts';

export interface WaitOptions {
  signal?: AbortSignal;
  /** One deadline over the whole wait, retries included. Default 15 minutes. */
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
  /** Once per observed change of status or progress. */
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

// The last poll goes out this long before the deadline, so its answer can still count.
const LAST_POLL_LEAD_MS = 1000;

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

/**
 * The polling engine: yields the task at each observed change, the terminal task last. Bounded
 * by the state's deadline, cancelled by the signal or by leaving the loop, with nothing left
 * scheduled once it ends.
 */
export async function* watchLoop(context: WaitContext, state: WaitState, options: WaitOptions): AsyncGenerator<Task, void> {
  const { clock } = context;
  const { signal, minIntervalMs = 2000, maxIntervalMs = 60_000, strategy = adaptiveStrategy, onState } = options;
  const where = { operation: 'waitForTask', taskId: state.taskId };
  const label = `waitForTask("${state.taskId}")`;
  // One signal for everything in flight: the caller's abort, the deadline, or leaving the loop.
  const controller = new AbortController();
  // The listener goes when the controller aborts, as it does at the latest when the loop ends.
  signal?.addEventListener('abort', () => controller.abort(signal.reason), { signal: controller.signal });
  const deadlineTimer = clock.setTimeout(() => controller.abort(), state.deadline - clock.now());
  const report = (event: RetryEvent) => ((event.error as VidgoAPIError).status === 429 ? options.onThrottle : options.onRetry)?.(event);
  let lastTask: Task | undefined;
  try {
    if (signal?.aborted) throw signal.reason;
    for (;;) {
      let delay: number;
      state.attempts++;
      try {
        const task = (lastTask = await context.getTask(state.taskId, { signal: controller.signal, onRetry: report }));
        const changed = observe(state, task, clock.now());
        state.failures = ACTIVE_STATUSES.includes(task.status) || isTerminal(task) ? 0 : state.failures + 1;
        onState?.(state);
        if (changed) yield task;
        if (isTerminal(task)) return;
        delay = Math.min(Math.max(strategy(state, clock.now()), minIntervalMs), maxIntervalMs);
      } catch (error) {
        const { retryAfterMs } = error as VidgoAPIError;
        // A Retry-After beyond the deadline cannot be honoured: the server's word is the better error.
        if (controller.signal.aborted || !context.retryable(error) || clock.now() + retryAfterMs! > state.deadline) throw error;
        state.failures++;
        onState?.(state);
        // Retry-After wins over the schedule and its ceiling.
        delay = Math.max(retryAfterMs ?? Math.min(strategy(state, clock.now()), maxIntervalMs), minIntervalMs);
        report({ ...where, attempt: state.failures, delayMs: delay, error: error as VidgoError });
      }
      const untilLastPoll = state.deadline - LAST_POLL_LEAD_MS - clock.now();
      if (untilLastPoll <= 0) controller.abort();
      await sleep(Math.min(delay, untilLastPoll), clock, controller.signal);
    }
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (!controller.signal.aborted) throw error;
    const elapsedMs = clock.now() - state.startedAt;
    throw new WaitTimeoutError(
      `${label}: not done after ${Math.round(elapsedMs / 1000)} s (last seen ${lastTask ? `${lastTask.status}${lastTask.progress === undefined ? '' : ` at ${lastTask.progress}%`}` : 'never'}); it may still finish`,
      { ...where, lastTask, elapsedMs, state },
    );
  } finally {
    clock.clearTimeout(deadlineTimer);
    // Leaving the loop early lands here too: stop whatever is in flight.
    controller.abort();
  }
}
