import { encodeTaskId } from '@vidgo-sdk/core/internal';
import { invalidTaskIdAnswer } from './internal/json-answer.ts';
import type { TaskWatcherNamespace } from './workers-types.ts';

/** The options of `watchTaskEvents`. */
export interface WatchTaskEventsOptions {
  /** The model that runs the task: its typical duration shapes the schedule (first viewer only). */
  model?: string;
}

/**
 * Hands a viewer's request to the `TaskWatcher` of the task (`namespace.idFromName(taskId)`) and
 * returns its answer: a Server-Sent Events stream, or a WebSocket (101) when the request asks
 * for an upgrade; or, when the task cannot be watched, a JSON `{ detail }` with 404, 403, 429
 * (`Retry-After`), 502 or 504, which EventSource takes as final. Pass it on as it is.
 * `Last-Event-ID` and the request's signal go along. An invalid task id gets the 400 the
 * watcher would give, without creating a Durable Object.
 *
 * ```ts
 * // GET /api/generate/status/:taskId/events
 * return watchTaskEvents(env.TASK_WATCHER, taskId, request);
 * ```
 */
export function watchTaskEvents<Id>(
  namespace: TaskWatcherNamespace<Id>,
  taskId: string,
  request: Request,
  options: WatchTaskEventsOptions = {},
): Promise<Response> {
  try {
    encodeTaskId(taskId, 'watchTaskEvents');
  } catch (error) {
    return Promise.resolve(invalidTaskIdAnswer(error));
  }
  const url = new URL('https://task-watcher/watch');
  url.searchParams.set('taskId', taskId);
  if (options.model) url.searchParams.set('model', options.model);
  const stub = namespace.get(namespace.idFromName(taskId));
  return stub.fetch(new Request(url, { method: 'GET', headers: request.headers, signal: request.signal }));
}
