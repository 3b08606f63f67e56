import type { RequestOptions } from './client-options.ts';
import { readSubmittedTask, readTask } from './internal/parse-task.ts';
import { encodeTaskId } from './internal/task-id.ts';
import type { Transport } from './internal/transport.ts';
import type { SubmitTaskRequest, SubmittedTask, Task } from './types.ts';

/**
 * The client without the waiting engine: what `@vidgo-sdk/core/lite` gives, and what the full
 * `VidgoClient` builds on. It reads task status and submits tasks.
 */
export interface VidgoLiteClient {
  /** The base URL requests go to, as normalized from the options. */
  readonly baseUrl: string;
  /** The task's current state. Retries throttling, server errors and network failures. */
  getTask(taskId: string, options?: RequestOptions): Promise<Task>;
  /**
   * Starts a task. Retried only on 429: after a 5xx or a dropped connection the task may already
   * exist (and cost credits), and Vidgo has no idempotency key.
   */
  submitTask(request: SubmitTaskRequest, options?: RequestOptions): Promise<SubmittedTask>;
}

/** `getTask` and `submitTask` over a transport (which retries each as its method allows). */
export function liteClient({ baseUrl, send }: Transport): VidgoLiteClient {
  return {
    baseUrl,
    getTask: async (taskId, options) =>
      send({
        operation: 'getTask',
        taskId,
        path: `/api/generate/status/${encodeTaskId(taskId, 'getTask')}`,
        read: readTask,
        options,
      }),
    submitTask: async (request, options) =>
      send({
        operation: 'submitTask',
        path: '/api/generate/submit',
        body: JSON.stringify(request),
        read: readSubmittedTask,
        options,
      }),
  };
}
