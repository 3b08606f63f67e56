import { VidgoError, type Task } from '@vidgo-sdk/core';

/**
 * What a `TaskWatcher` tells its subscribers, the same over SSE and WebSocket:
 * - `task`: the task, once per change of status or progress, the terminal task last. `id`
 *   (`<watch>.<sequence>`) is the SSE event id, which a reconnecting EventSource sends back as
 *   `Last-Event-ID` so that it is not told again what it already saw.
 * - `watch-failed`: watching failed for good after the stream opened (`code` is the core's error
 *   code, or `wait_timeout` when the watch outlived its deadline: reconnect to keep watching).
 *   `detail` is safe to show. Not `error`: EventSource fires an `error` of its own when the
 *   connection drops, and the two must not be confused.
 * After the terminal task or a failure the server ends the stream (WebSocket: close code 1000,
 * or 1011 after a failure).
 */
export type WatchMessage =
  | {
      /** A task, once per change. */
      type: 'task';
      /** The SSE event id, `<watch>.<sequence>`. */
      id: string;
      /** The task as last read. */
      task: Task;
    }
  | {
      /** Watching failed for good. */
      type: 'watch-failed';
      /** The core's error code, or `wait_timeout`. */
      code: string;
      /** A sentence safe to show to the viewer. */
      detail: string;
    };

const DETAILS: Record<string, string> = {
  not_found: 'Task not found',
  permission_denied: 'The task belongs to another account',
  invalid_task_id: 'Invalid task id',
  // Upstream's 401 is the service's key problem, never the viewer's.
  authentication: "Vidgo refused this service's API key: a problem of the service, not of your request",
  rate_limit: 'Vidgo is rate limiting this service',
  request_timeout: 'Vidgo did not answer in time',
  configuration: 'The task watcher is not configured: see its logs',
  internal: 'The task watcher failed: see its logs',
  wait_timeout: 'Still running; reconnect to keep watching',
};

/** The `watch-failed` message for a failure: the core's code, and a sentence that names no secret. */
export function failureMessage(error: unknown): WatchMessage & { type: 'watch-failed' } {
  return watchFailed(VidgoError.is(error) ? error.code : 'internal');
}

/** The `watch-failed` message for a code (`wait_timeout`, or one of the core's). */
export function watchFailed(code: string): WatchMessage & { type: 'watch-failed' } {
  return {
    type: 'watch-failed',
    code,
    detail: DETAILS[code] ?? 'Vidgo could not be reached or answered with an error',
  };
}
