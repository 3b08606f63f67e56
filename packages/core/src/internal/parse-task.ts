import type { SubmittedTask, Task, TaskFile } from '../types.ts';

/**
 * Reads a submit answer: only `task_id` can be relied on. The task is inside `{code, data}`, or
 * flat as the newest callbacks send it.
 */
// biome-ignore lint/suspicious/noExplicitAny: any JSON shape is read tolerantly, field by field.
export function readSubmittedTask(json: any): SubmittedTask | undefined {
  const data = json?.data && typeof json.data === 'object' ? json.data : json;
  return typeof data?.task_id === 'string' && data.task_id ? data : undefined;
}

/**
 * Reads a task tolerantly from a status body (`{code, data}`) or a callback body (either shape),
 * as the contract decides: `task_id` and `status` must be strings;
 * `progress` and `error_message` may be missing; unknown fields and unknown status or file type
 * values pass through. Undefined when the body is not a task at all.
 */
export function readTask(json: unknown): Task | undefined {
  const data = readSubmittedTask(json);
  if (typeof data?.status !== 'string') return undefined;
  const files: TaskFile[] = Array.isArray(data.files)
    ? data.files.filter((file) => typeof file?.file_url === 'string')
    : [];
  // The polling engine does arithmetic on progress: a number from 0 to 100 or nothing, never a
  // string, NaN or Infinity.
  const progress = Number(data.progress ?? NaN);
  const task = { ...data, files, progress } as Task;
  if (!(progress >= 0 && progress <= 100)) delete task.progress;
  return task;
}
