import type { Task } from '@vidgo-sdk/core';
import { failureAnswer, type FailureAnswer } from './failure-answer.ts';

export type FirstReadOutcome = { task: Task } | { failure: FailureAnswer };

export interface FirstReadOptions {
  /** How long a 404 or 403 is remembered: read at each failure, as a subclass's options may change. */
  negativeCacheMs: () => number;
  now: () => number;
  /** Told about every failure, to log those that are the operator's problem. */
  report: (error: unknown, failure: FailureAnswer) => void;
}

interface Remembered {
  failure: FailureAnswer;
  until: number;
}

/**
 * The read a first viewer waits for before any stream opens, so that a missing task is a 404
 * and not a 200 stream that EventSource would reconnect to forever. Concurrent viewers of one id
 * share the read, and a 404 or 403 (an answer about the id, which a retry will not change soon)
 * is remembered for `negativeCacheMs`, a 429 for its `Retry-After`: a burst of viewers of a
 * missing id costs one upstream call. In the instance's memory only: an evicted instance
 * forgets, which costs one more call, never a wrong answer for long.
 */
export class FirstReads {
  readonly #options: FirstReadOptions;
  readonly #inFlight = new Map<string, Promise<FirstReadOutcome>>();
  readonly #remembered = new Map<string, Remembered>();

  constructor(options: FirstReadOptions) {
    this.#options = options;
  }

  /** `read` (which polls and starts the watch) once for all concurrent callers, or what is remembered. */
  read(taskId: string, read: () => Promise<Task>): Promise<FirstReadOutcome> {
    const remembered = this.#recall(taskId);
    if (remembered) return Promise.resolve({ failure: remembered });
    let pending = this.#inFlight.get(taskId);
    if (!pending) {
      pending = read().then(
        (task) => ({ task }),
        (error: unknown) => ({ failure: this.#failed(taskId, error) }),
      );
      this.#inFlight.set(taskId, pending);
      void pending.finally(() => this.#inFlight.delete(taskId));
    }
    return pending;
  }

  #failed(taskId: string, error: unknown): FailureAnswer {
    const failure = failureAnswer(error);
    const { negativeCacheMs, now, report } = this.#options;
    const forMs =
      failure.status === 404 || failure.status === 403
        ? negativeCacheMs()
        : failure.status === 429
          ? failure.retryAfterMs!
          : 0;
    if (forMs > 0) this.#remembered.set(taskId, { failure, until: now() + forMs });
    report(error, failure);
    return failure;
  }

  /** A remembered failure still in force; a 429's `Retry-After` counts down. Forgets what expired. */
  #recall(taskId: string): FailureAnswer | undefined {
    const now = this.#options.now();
    for (const [id, { until }] of this.#remembered) if (until <= now) this.#remembered.delete(id);
    const remembered = this.#remembered.get(taskId);
    if (!remembered) return undefined;
    const { failure, until } = remembered;
    return failure.retryAfterMs === undefined ? failure : { ...failure, retryAfterMs: until - now };
  }
}
