import type { SubmittedTask, Task, TaskFile } from '../types.ts';

const isObject = (value: any): value is Record<string, any> => value && typeof value === 'object';

/** The task inside `{code, data}`, or a flat task as the newest callbacks send it. */
const unwrap = (json: any): Record<string, any> | undefined =>
  isObject(json) ? (isObject(json.data) ? json.data : json) : undefined;

/** Reads a submit answer: only `task_id` can be relied on. */
export function readSubmittedTask(json: unknown): SubmittedTask | undefined {
  const data = unwrap(json);
  return data?.task_id && typeof data.task_id === 'string' ? (data as SubmittedTask) : undefined;
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
  const files: TaskFile[] = Array.isArray(data.files) ? data.files.filter((file) => typeof file?.file_url === 'string') : [];
  // The polling engine does arithmetic on progress: a number from 0 to 100 or nothing, never a
  // string, NaN or Infinity.
  const progress = Number(data.progress ?? NaN);
  const task = { ...data, files, progress } as Task;
  if (!(progress >= 0 && progress <= 100)) delete task.progress;
  return task;
}
