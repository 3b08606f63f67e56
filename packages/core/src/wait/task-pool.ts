import { systemClock, type Clock } from '../clock.ts';
import type { VidgoAPIError } from '../errors/api-errors.ts';
import { VidgoError } from '../errors/vidgo-error.ts';
import { isTerminal } from '../is-terminal.ts';
import { isRetryableError } from './is-retryable-error.ts';
import type { RetryEvent } from '../internal/transport.ts';
import type { Task } from '../types.ts';
import { adaptiveStrategy, predictedFinish } from './adaptive-strategy.ts';
import { TaskFailedError, WaitTimeoutError } from './wait-errors.ts';
import { observe, type WaitState } from './wait-state.ts';
import { startWait, type WaitOptions } from './watch-task.ts';

export interface TaskPoolOptions extends Pick<WaitOptions, 'timeoutMs' | 'minIntervalMs' | 'maxIntervalMs' | 'strategy' | 'onProgress'> {
  /** The request budget of the whole pool, never exceeded: polls are paced evenly. Default 5. */
  maxRequestsPerSecond?: number;
  /** The client's clock; tests pass a virtual one. */
  clock?: Clock;
  /** Closes the pool: every pending wait rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Before each pause that a 429 imposed on the whole pool. */
  onThrottle?: (event: RetryEvent) => void;
}

export interface TaskPoolAddOptions extends Pick<WaitOptions, 'model' | 'expectedDurationMs' | 'timeoutMs'> {
  /** When the task was submitted, if it just was: the first poll then waits until one can be useful. */
  submittedAt?: number;
}

export type TaskResult = { taskId: string; task: Task; error?: undefined } | { taskId: string; task?: undefined; error: unknown };

interface Entry {
  state: WaitState;
  dueAt: number;
  inFlight: boolean;
  lastTask?: Task;
  promise: Promise<Task>;
  settle: (result: TaskResult) => void;
}

interface PoolClient {
  getTask(taskId: string, options: { signal?: AbortSignal; onRetry: (event: RetryEvent) => void }): Promise<Task>;
}

const LAST_POLL_LEAD_MS = 1000;
const stopRetrying = (event: RetryEvent): never => {
  // Each retry must pass through the pool's budget, so the client's own retries are cut short.
  throw event.error;
};

/**
 * Watches many tasks under one request budget: polls are paced at `maxRequestsPerSecond`, the
 * due task closest to finishing goes first, a 429 pauses every task together, one id is never
 * polled twice at once, and each result comes out as it finishes.
 */
export class TaskPool {
  readonly #client: PoolClient;
  readonly #options: TaskPoolOptions;
  readonly #clock: Clock;
  readonly #spacingMs: number;
  readonly #entries = new Map<string, Entry>();
  readonly #finished: TaskResult[] = [];
  #notify?: () => void;
  #timer: unknown;
  #nextSendAt = 0;
  #pausedUntil = 0;
  #throttles = 0;
  #closed?: { reason: unknown };
  #controller = new AbortController();

  constructor(client: PoolClient, options: TaskPoolOptions = {}) {
    this.#client = client;
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    const rate = options.maxRequestsPerSecond ?? 5;
    if (!(rate > 0)) throw new VidgoError(`TaskPool: maxRequestsPerSecond must be positive, got ${rate}`);
    this.#spacingMs = 1000 / rate;
    options.signal?.addEventListener('abort', () => this.close(options.signal!.reason), { once: true });
    if (options.signal?.aborted) this.close(options.signal.reason);
  }

  /** Tasks still being watched. */
  get size(): number {
    return this.#entries.size;
  }

  /** Watches a task; adding an id already watched returns the same promise. */
  add(taskId: string, options: TaskPoolAddOptions = {}): Promise<Task> {
    const existing = this.#entries.get(taskId);
    if (existing) return existing.promise;
    if (this.#closed) return Promise.reject(this.#closed.reason);
    const now = this.#clock.now();
    const state = startWait(taskId, { ...this.#options, ...options }, now, options.submittedAt);
    let dueAt = now;
    if (options.submittedAt !== undefined) {
      // What the submit answered: queued. The first poll waits until it can tell something.
      observe(state, { task_id: taskId, status: 'not_started', files: [], progress: 0 }, options.submittedAt);
      dueAt = options.submittedAt + this.#delay(state, now);
    }
    let settle!: (result: TaskResult) => void;
    const promise = new Promise<Task>((resolve, reject) => {
      settle = (result) => {
        this.#entries.delete(taskId);
        this.#finished.push(result);
        this.#notify?.();
        if (result.error === undefined) resolve(result.task!);
        else reject(result.error);
      };
    });
    // Results are also delivered through `results()`; a caller that only iterates must not see unhandled rejections.
    promise.catch(() => {});
    this.#entries.set(taskId, { state, dueAt, inFlight: false, promise, settle });
    this.#schedule();
    return promise;
  }

  /** Each result as it comes, finished, failed or timed out, until no task is left. */
  async *results(): AsyncGenerator<TaskResult, void> {
    for (;;) {
      const next = this.#finished.shift();
      if (next) yield next;
      else if (this.#entries.size === 0) return;
      else await new Promise<void>((resolve) => (this.#notify = resolve));
    }
  }

  /** Stops all polling; every pending wait rejects with `reason`. */
  close(reason: unknown = new DOMException('The task pool was closed', 'AbortError')): void {
    if (this.#closed) return;
    this.#closed = { reason };
    this.#clock.clearTimeout(this.#timer);
    this.#controller.abort(reason);
    for (const entry of [...this.#entries.values()]) entry.settle({ taskId: entry.state.taskId, error: reason });
  }

  #delay(state: WaitState, now: number): number {
    const { minIntervalMs = 2000, maxIntervalMs = 60_000, strategy = adaptiveStrategy } = this.#options;
    return Math.min(Math.max(strategy(state, now), minIntervalMs), maxIntervalMs);
  }

  /** Sets the one timer of the pool for the next moment a poll may and should go out. */
  #schedule(): void {
    this.#clock.clearTimeout(this.#timer);
    if (this.#closed) return;
    let earliest = Infinity;
    for (const entry of this.#entries.values()) if (!entry.inFlight && entry.dueAt < earliest) earliest = entry.dueAt;
    if (earliest === Infinity) return;
    const at = Math.max(earliest, this.#nextSendAt, this.#pausedUntil);
    this.#timer = this.#clock.setTimeout(() => this.#sendNext(), at - this.#clock.now());
  }

  #sendNext(): void {
    const now = this.#clock.now();
    let best: Entry | undefined;
    let bestKey = Infinity;
    for (const entry of this.#entries.values()) {
      if (entry.inFlight || entry.dueAt > now) continue;
      // Closest to finishing first; tasks with no estimate yet by how long they have been due.
      const key = predictedFinish(entry.state) ?? entry.dueAt;
      if (!best || key < bestKey) [best, bestKey] = [entry, key];
    }
    if (best) {
      this.#nextSendAt = now + this.#spacingMs;
      void this.#poll(best);
    }
    this.#schedule();
  }

  async #poll(entry: Entry): Promise<void> {
    const { state } = entry;
    const { taskId } = state;
    entry.inFlight = true;
    state.attempts++;
    try {
      const task = (entry.lastTask = await this.#client.getTask(taskId, { signal: this.#controller.signal, onRetry: stopRetrying }));
      const now = this.#clock.now();
      this.#throttles = 0;
      if (observe(state, task, now)) this.#options.onProgress?.(task);
      state.failures = ['not_started', 'running'].includes(task.status) || isTerminal(task) ? 0 : state.failures + 1;
      if (task.status === 'failed') {
        return entry.settle({ taskId, error: new TaskFailedError(`waitForTask("${taskId}"): the task failed: ${task.error_message ?? 'no reason given'}`, { operation: 'waitForTask', taskId, task, errorMessage: task.error_message }) });
      }
      if (isTerminal(task)) return entry.settle({ taskId, task });
      entry.dueAt = now + this.#delay(state, now);
    } catch (error) {
      if (this.#closed) return;
      const { status, retryAfterMs } = error as VidgoAPIError;
      const now = this.#clock.now();
      if (status === 429) {
        // One 429 means the budget is shared with someone else: everyone waits.
        const delayMs = retryAfterMs ?? 1000 * 2 ** this.#throttles++;
        this.#pausedUntil = Math.max(this.#pausedUntil, now + delayMs);
        this.#options.onThrottle?.({ operation: 'TaskPool', taskId, attempt: this.#throttles, delayMs, error: error as VidgoError });
        entry.dueAt = this.#pausedUntil;
      } else if (isRetryableError(error)) {
        state.failures++;
        entry.dueAt = now + this.#delay(state, now);
      } else {
        return entry.settle({ taskId, error });
      }
    } finally {
      entry.inFlight = false;
    }
    const lastPollAt = state.deadline - LAST_POLL_LEAD_MS;
    if (this.#clock.now() >= lastPollAt) {
      const elapsedMs = this.#clock.now() - state.startedAt;
      entry.settle({
        taskId,
        error: new WaitTimeoutError(`waitForTask("${taskId}"): not done after ${Math.round(elapsedMs / 1000)} s; it may still finish`, {
          operation: 'waitForTask',
          taskId,
          lastTask: entry.lastTask,
          elapsedMs,
          state,
        }),
      });
    } else {
      entry.dueAt = Math.min(entry.dueAt, lastPollAt);
      this.#schedule();
    }
  }
}
