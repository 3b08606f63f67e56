import { VidgoAPIError } from './errors/api-errors.ts';
import type { VidgoError } from './errors/vidgo-error.ts';
import { readSubmittedTask, readTask } from './internal/parse-task.ts';
import { encodeTaskId } from './internal/task-id.ts';
import type { CallOptions, RetryEvent, Transport, TransportOptions } from './internal/transport.ts';
import type { SubmitTaskRequest, SubmittedTask, Task } from './types.ts';

export type { RetryEvent };
export type VidgoClientOptions = TransportOptions;
export type RequestOptions = CallOptions;

/** The client without the waiting engine, as `@vidgo-sdk/core/lite` gives it. */
export interface VidgoStatusClient {
  readonly baseUrl: string;
  /** The task's current state. Retries throttling, server errors and network failures. */
  getTask(taskId: string, options?: RequestOptions): Promise<Task>;
  /**
   * Starts a task. Retried only on 429: after a 5xx or a dropped connection the task may already
   * exist (and cost credits), and Vidgo has no idempotency key.
   */
  submitTask(request: SubmitTaskRequest, options?: RequestOptions): Promise<SubmittedTask>;
}

const RETRYABLE_STATUSES = [408, 429, 500, 502, 503, 504];

// A read is safe to repeat: connection failures, timeouts and garbled answers (a truncated body
// from a flaky hop) are retried too; other HTTP errors only when the status says it may pass.
const retryableRead = (error: VidgoError): boolean =>
  !(error instanceof VidgoAPIError) || RETRYABLE_STATUSES.includes(error.status);

const retryableSubmit = (error: VidgoError): boolean => error instanceof VidgoAPIError && error.status === 429;

/** `getTask` and `submitTask` over a transport: the lite client, and the base of the full one. */
export function statusClient({ baseUrl, send }: Transport): VidgoStatusClient {
  return {
    baseUrl,
    getTask: async (taskId, options) =>
      send('getTask', taskId, `/api/generate/status/${encodeTaskId(taskId, 'getTask')}`, undefined, readTask, retryableRead, options),
    submitTask: async (request, options) =>
      send('submitTask', undefined, '/api/generate/submit', JSON.stringify(request), readSubmittedTask, retryableSubmit, options),
  };
}
