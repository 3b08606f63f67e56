import { systemClock } from './clock.ts';
import type { VidgoClientOptions } from './client-options.ts';
import { createTransport } from './internal/transport.ts';
import { liteClient, type VidgoLiteClient } from './lite-client.ts';
import { isRetryableError } from './wait/is-retryable-error.ts';
import type { SubmitTaskRequest, SubmittedTask, Task } from './types.ts';
import { waitUntilDone } from './wait/wait-for-task.ts';
import type { WaitState } from './wait/wait-state.ts';
import { startWait, watchLoop, type WaitContext, type WaitOptions } from './wait/watch-task.ts';

/** The options of `submitAndWait`: those of a wait, and a hook that runs between the submit and the wait. */
export interface SubmitAndWaitOptions extends WaitOptions {
  /** Called as soon as the task exists, before waiting: keep its id, since it costs credits. */
  onSubmitted?: (task: SubmittedTask) => void;
}

/**
 * The full client: `getTask` and `submitTask`, plus the waiting engine (`waitForTask`, `watchTask`,
 * `submitAndWait`, `resumeWait`).
 */
export interface VidgoClient extends VidgoLiteClient {
  /**
   * Polls until the task is finished and returns it. Throws `TaskFailedError` when it failed and
   * `WaitTimeoutError` at the deadline (15 minutes by default).
   */
  waitForTask(taskId: string, options?: WaitOptions): Promise<Task>;
  /** Each observed change of status or progress, ending with the terminal task. `break` stops polling. */
  watchTask(taskId: string, options?: WaitOptions): AsyncGenerator<Task, void>;
  /** Submits, then waits. Every error after the submit carries the task id. */
  submitAndWait(request: SubmitTaskRequest, options?: SubmitAndWaitOptions): Promise<Task>;
  /** Carries on a wait from its saved state (`onState`, or `WaitTimeoutError.state`), deadline included. */
  resumeWait(state: WaitState, options?: WaitOptions): Promise<Task>;
}

/**
 * Creates a client with the waiting engine. Nothing is sent until a method is called.
 *
 * @example
 * ```ts
 * import { createVidgoClient, TaskFailedError } from '@vidgo-sdk/core';
 *
 * const vidgo = createVidgoClient({ apiKey: process.env.VIDGO_API_KEY });
 * const task = await vidgo.submitAndWait(
 *   { model: 'gpt-image-2', input: { prompt: 'a fox in the snow' } },
 *   { onProgress: (task) => console.log(task.status, task.progress) },
 * );
 * console.log(task.files.map((file) => file.file_url));
 * ```
 *
 * @throws `ConfigurationError` when an option is invalid.
 */
export function createVidgoClient(options: VidgoClientOptions = {}): VidgoClient {
  const transport = createTransport(options);
  const client = liteClient(transport);
  const clock = options.clock ?? systemClock;
  const context: WaitContext = { getTask: client.getTask, clock, retryable: isRetryableError };
  return {
    ...client,
    waitForTask: (taskId, options = {}) => waitUntilDone(context, startWait(taskId, options, clock.now()), options),
    watchTask: (taskId, options = {}) => watchLoop(context, startWait(taskId, options, clock.now()), options),
    resumeWait: (state, options = {}) => waitUntilDone(context, { ...state }, options),
    async submitAndWait(request, options = {}) {
      // Not the whole options: the wait's `timeoutMs` is a deadline for the wait, not for one request.
      const submitted = await client.submitTask(request, { signal: options.signal, onRetry: options.onRetry });
      options.onSubmitted?.(submitted);
      return waitUntilDone(
        context,
        startWait(submitted.task_id, { model: request.model, ...options }, clock.now(), clock.now()),
        options,
      );
    },
  };
}
