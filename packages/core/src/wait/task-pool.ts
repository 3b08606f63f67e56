import { systemClock, type Clock } from '../clock.ts';
import type { VidgoAPIError } from '../errors/api-errors.ts';
import { ConfigurationError } from '../errors/input-errors.ts';
import type { RetryEvent } from '../internal/transport.ts';
import type { Task } from '../types.ts';
import { predictedFinish } from './adaptive-strategy.ts';
import { pollStep, type PollOutcome } from './poll-step.ts';
import type { WaitState } from './wait-state.ts';
import { startWait, type WaitOptions } from './watch-task.ts';

/** The options of a `TaskPool`: its request budget, and the wait options shared by all its tasks. */
export interface TaskPoolOptions
  extends Pick<WaitOptions, 'timeoutMs' | 'minIntervalMs' | 'maxIntervalMs' | 'strategy' | 'onProgress'> {
  /** The request budget of the whole pool, never exceeded: polls are paced evenly. Default 5. */
  maxRequestsPerSecond?: number;
  /** The client's clock; tests pass a virtual one. */
  clock?: Clock;
  /** Closes the pool: every pending wait rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Before each pause that a 429 imposed on the whole pool. */
  onThrottle?: (event: RetryEvent) => void;
}

/** The options of one task added to a pool: what shapes its schedule, and its own deadline. */
export interface TaskPoolAddOptions extends Pick<WaitOptions, 'model' | 'expectedDurationMs' | 'timeoutMs'> {
  /** When the task was submitted, if it just was: the first poll then waits until one can be useful. */
  submittedAt?: number;
}

/** One task's outcome, as `TaskPool.results()` yields it: the finished task, or the error its wait ended with. */
export type TaskResult =
  | {
      /** The task's id. */
      taskId: string;
      /** The finished task. */
      task: Task;
      /** Undefined: the task finished. */
      error?: undefined;
    }
  | {
      /** The task's id. */
      taskId: string;
      /** Undefined: the wait failed. */
      task?: undefined;
      /** What the wait threw: a `TaskFailedError`, a `WaitTimeoutError`, an API error… */
      error: unknown;
    };

interface Entry {
  state: WaitState;
  dueAt: number;
  inFlight: boolean;
  lastTask?: Task;
  promise: Promise<Task>;
  settle: (result: TaskResult) => void;
}

/**
 * What a `TaskPool` polls through: a client's `getTask`. A `VidgoClient` or a `VidgoLiteClient` is one.
 * A wrapper must honour `onRetry` as the client does (throwing from it stops the retries): the pool
 * stops the client's own retries that way, so every request goes through the pool's budget.
 */
export interface PoolClient {
  /** The task's current state, as `VidgoLiteClient.getTask` reads it. */
  getTask(taskId: string, options: { signal?: AbortSignal; onRetry: (event: RetryEvent) => void }): Promise<Task>;
}

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
  readonly #options: TaskPoolOptions & { operation: string };
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
    // The pool's waits say so in their errors (`TaskPool("id"): …`), not `waitForTask`.
    this.#options = { operation: 'TaskPool', ...options };
    this.#clock = options.clock ?? systemClock;
    const rate = options.maxRequestsPerSecond ?? 5;
    if (!(rate > 0)) throw new ConfigurationError(`TaskPool: maxRequestsPerSecond must be positive, got ${rate}`);
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
    const { submittedAt } = options;
    let state = startWait(taskId, { ...this.#options, ...options }, this.#clock.now(), submittedAt);
    let dueAt = this.#clock.now();
    if (submittedAt !== undefined) {
      // Just submitted, so queued, as the submit said: the first poll waits until it can tell
      // something. That answer is taken as the step's, though no request was sent for it.
      const first = pollStep(
        state,
        { task: { task_id: taskId, status: 'not_started', files: [], progress: 0 } },
        submittedAt,
        this.#options,
      );
      state = { ...first.state, attempts: 0 };
      if (first.action.type === 'sleep') dueAt = submittedAt + first.action.ms;
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
      const key = predictedFinish(entry.state);
      if (!best || key < bestKey) [best, bestKey] = [entry, key];
    }
    if (best) {
      this.#nextSendAt = now + this.#spacingMs;
      void this.#poll(best);
    }
    this.#schedule();
  }

  async #poll(entry: Entry): Promise<void> {
    const { taskId } = entry.state;
    entry.inFlight = true;
    let outcome: PollOutcome;
    try {
      outcome = {
        task: (entry.lastTask = await this.#client.getTask(taskId, {
          signal: this.#controller.signal,
          onRetry: stopRetrying,
        })),
      };
      this.#throttles = 0;
    } catch (error) {
      outcome = { error, lastTask: entry.lastTask };
    } finally {
      entry.inFlight = false;
    }
    if (this.#closed) return;
    const now = this.#clock.now();
    const step = pollStep(entry.state, outcome, now, this.#options);
    entry.state = step.state;
    if (step.changed) this.#options.onProgress?.(step.changed);
    const { action } = step;
    if (action.type === 'finish') return entry.settle({ taskId, task: action.task });
    if (action.type !== 'sleep') return entry.settle({ taskId, error: action.error });
    entry.dueAt = now + action.ms;
    if ((action.retry as VidgoAPIError | undefined)?.status === 429)
      this.#pauseAll(entry, action.retry as VidgoAPIError, now);
    this.#schedule();
  }

  /** One 429 means the budget is shared with someone else: everyone waits (this task by its own step too). */
  #pauseAll(entry: Entry, error: VidgoAPIError, now: number): void {
    const delayMs = error.retryAfterMs ?? 1000 * 2 ** this.#throttles++;
    this.#pausedUntil = Math.max(this.#pausedUntil, now + delayMs);
    this.#options.onThrottle?.({
      operation: 'TaskPool',
      taskId: entry.state.taskId,
      attempt: this.#throttles,
      delayMs,
      error,
    });
  }
}
