import { VidgoError, type Task } from '@vidgo-sdk/core';

/**
 * What a `TaskWatcher` tells its subscribers, the same over SSE and WebSocket:
 * - `task`: the task, once per change of status or progress, the terminal task last. `id`
 *   (`<watch>.<sequence>`) is the SSE event id, which a reconnecting EventSource sends back as
 *   `Last-Event-ID` so that it is not told again what it already saw.
 * - `error`: watching failed for good (`code` is the core's error code, or `wait_timeout` when the
 *   watch outlived its deadline: reconnect to keep watching). `detail` is safe to show.
 * After the terminal task or an error the server ends the stream (WebSocket: close code 1000,
 * or 1011 after an error).
 */
export type WatchMessage = { type: 'task'; id: string; task: Task } | { type: 'error'; code: string; detail: string };

const DETAILS: Record<string, string> = {
  not_found: 'Task not found',
  permission_denied: 'The task belongs to another account',
  invalid_task_id: 'Invalid task id',
  authentication: 'Vidgo refused the API key of this service',
  configuration: 'The task watcher is not configured: see its logs',
  wait_timeout: 'Still running; reconnect to keep watching',
};

/** The `error` message for a failure: the core's code, and a sentence that names no secret. */
export function errorMessage(error: unknown): WatchMessage & { type: 'error' } {
  const code = VidgoError.is(error) ? error.code : 'internal';
  return { type: 'error', code, detail: DETAILS[code] ?? 'Vidgo could not be reached or answered with an error' };
}
